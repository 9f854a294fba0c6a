namespace StudyBot.Core.FineTune;

/// <summary>The member who asked for a run.</summary>
public sealed record FineTuneRequester(ulong UserId, string DisplayName);
