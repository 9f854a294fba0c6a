using System.Text.Json;
using StudyBot.Discord.Commands;

namespace StudyBot.Discord.Interactions;

/// <summary>A leaf option value as sent; autocomplete may send partial or wrongly typed values, so it stays raw JSON.</summary>
public sealed record CommandOption(string Name, ApplicationCommandOptionType Type, JsonElement Value, bool Focused)
{
    public override string ToString() => $"{Name}={Value.GetRawText()}";
}
