using System.Text.Json.Nodes;

namespace StudyBot.FakeDiscord.Model;

/// <summary>The bot's initial response to an interaction: callback <paramref name="Type"/> (4 message, 5 deferred,
/// 6 deferred update, 7 update, 8 autocomplete result, 9 modal), its <paramref name="Data"/>, and when it came.</summary>
public sealed record FakeInteractionCallback(int Type, JsonObject? Data, DateTimeOffset ReceivedAt, TimeSpan Latency)
{
    /// <summary>Autocomplete choices (callback type 8); empty for other types.</summary>
    public IReadOnlyList<FakeChoice> Choices =>
        Data?["choices"] is JsonArray choices
            ? choices.OfType<JsonObject>()
                .Select(c => new FakeChoice(c["name"]?.GetValue<string>() ?? "", c["value"]?.DeepClone()))
                .ToList()
            : [];
}
