using StudyBot.Core.Queue;

namespace StudyBot.Core.Club;

/// <summary>The next session as /club next shows it.</summary>
/// <param name="LikelyPaper">Before the pick: the paper currently at the top of the queue.</param>
/// <param name="LikelyPresenter">Before the pick: who is next in the presenter rotation.</param>
public sealed record NextSessionView(
    ClubSchedule Schedule,
    ClubSession Session,
    DateTimeOffset PickAt,
    QueuedPaper? LikelyPaper,
    ulong? LikelyPresenter);
