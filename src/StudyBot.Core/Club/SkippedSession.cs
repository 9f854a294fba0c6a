namespace StudyBot.Core.Club;

/// <summary>What /club skip did.</summary>
/// <param name="Session">The skipped session (its paper, if one was picked, is still named on it).</param>
/// <param name="PaperMovedTo">The session the skipped session's paper moved to; null when it had none, or when no
/// following session could take it and it went back to the top of the queue.</param>
public sealed record SkippedSession(ClubSession Session, ClubSession? PaperMovedTo)
{
    /// <summary>The skipped session's paper went back to the top of the reading queue.</summary>
    public bool PaperReturnedToQueue => Session.PaperKey is not null && PaperMovedTo is null;
}
