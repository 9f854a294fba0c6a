using StudyBot.Core.Queue;

namespace StudyBot.Core.Club;

/// <summary>The next session as /club next shows it.</summary>
/// <param name="LikelyPaper">While the session has no paper: the paper currently at the top of the queue.</param>
/// <param name="LikelyPresenter">While the session has no presenter: who is next in the presenter rotation.</param>
/// <param name="PickPassed">The pick time has passed (the queue was empty then); a paper added since is taken at
/// the session's next reminder or start.</param>
public sealed record NextSessionView(
    ClubSchedule Schedule,
    ClubSession Session,
    DateTimeOffset PickAt,
    QueuedPaper? LikelyPaper,
    ulong? LikelyPresenter,
    bool PickPassed);
