namespace StudyBot.Core.Club;

public enum ClubEventOutcome
{
    /// <summary>Done and recorded.</summary>
    Sent,

    /// <summary>Recorded earlier (a restart or a duplicate trigger); nothing sent again.</summary>
    AlreadySent,

    /// <summary>Due longer ago than the grace period: recorded as missed, not announced.</summary>
    SkippedLate,

    /// <summary>A reminder or start that fell due before the schedule was set up or last changed: recorded, not
    /// announced, and not a miss.</summary>
    PredatesSchedule,

    /// <summary>The schedule changed (setup, skip) so this event no longer belongs to the plan.</summary>
    Obsolete,
}
