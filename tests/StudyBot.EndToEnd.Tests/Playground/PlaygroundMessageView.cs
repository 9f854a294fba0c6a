namespace StudyBot.EndToEnd.Tests.Playground;

/// <summary>One message as the page shows it to the current member.</summary>
/// <param name="Command">"/paper info" when the message answers a slash command (the "Ada used /paper info" line).</param>
/// <param name="UsedBy">Display name of the member who ran <paramref name="Command"/>.</param>
/// <param name="Text">The rendered message content (markdown already applied), without embeds.</param>
/// <param name="Buttons">Button labels; <paramref name="DisabledButtons"/> holds those shown disabled.</param>
public sealed record PlaygroundMessageView(
    string Id,
    string? Command,
    string? UsedBy,
    string Text,
    IReadOnlyList<string> EmbedTitles,
    IReadOnlyList<string> EmbedTexts,
    IReadOnlyList<string> Buttons,
    IReadOnlyList<string> DisabledButtons,
    IReadOnlyList<string> Attachments,
    bool IsEphemeral,
    bool IsLocalNotice,
    string? Thread,
    string? Failure);
