namespace StudyBot.Core.Club;

public enum ClubEventKind
{
    /// <summary>The top of the queue becomes the session's paper and is announced.</summary>
    Pick,

    /// <summary>A reminder at one of the schedule's offsets.</summary>
    Reminder,

    /// <summary>The session starts.</summary>
    Start,

    /// <summary>The session ends: attendance is recorded and the next session is planned.</summary>
    End,
}
