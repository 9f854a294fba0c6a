namespace StudyBot.Core.Commands;

/// <summary>A button. Link buttons carry <paramref name="Url"/> and no custom id; the others a custom id
/// (≤ 100 characters) that routes the click.</summary>
public sealed record ButtonComponent(
    string Label,
    string? CustomId,
    ButtonStyle Style = ButtonStyle.Secondary,
    bool Disabled = false,
    string? Url = null) : MessageComponent;
