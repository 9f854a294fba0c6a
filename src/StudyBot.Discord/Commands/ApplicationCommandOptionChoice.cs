using System.Text.Json;
using StudyBot.Discord.Json;

namespace StudyBot.Discord.Commands;

/// <summary>A fixed choice or an autocomplete suggestion; <c>Value</c> is a JSON string or number.</summary>
public sealed record ApplicationCommandOptionChoice(string Name, JsonElement Value)
{
    public static ApplicationCommandOptionChoice Of(string name, string value) =>
        new(name, JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.String));

    public static ApplicationCommandOptionChoice Of(string name, long value) =>
        new(name, JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.Int64));

    public static ApplicationCommandOptionChoice Of(string name, double value) =>
        new(name, JsonSerializer.SerializeToElement(value, DiscordJsonContext.Default.Double));

    public bool Equals(ApplicationCommandOptionChoice? other) =>
        other is not null && Name == other.Name && Value.GetRawText() == other.Value.GetRawText();

    public override int GetHashCode() => HashCode.Combine(Name, Value.GetRawText());
}
