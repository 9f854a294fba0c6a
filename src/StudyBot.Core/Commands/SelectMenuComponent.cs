namespace StudyBot.Core.Commands;

/// <summary>A string select menu (takes a whole action row).</summary>
public sealed record SelectMenuComponent(
    string CustomId,
    IReadOnlyList<SelectMenuOption> Options,
    string? Placeholder = null,
    int MinValues = 1,
    int MaxValues = 1,
    bool Disabled = false) : MessageComponent;
