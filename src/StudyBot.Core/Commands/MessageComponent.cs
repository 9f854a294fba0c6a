namespace StudyBot.Core.Commands;

/// <summary>An interactive element inside an <see cref="ActionRow"/>: a <see cref="ButtonComponent"/> or a
/// <see cref="SelectMenuComponent"/>.</summary>
public abstract record MessageComponent;
