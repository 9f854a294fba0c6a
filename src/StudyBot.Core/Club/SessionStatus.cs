namespace StudyBot.Core.Club;

public enum SessionStatus
{
    Planned,
    Skipped,
    Held,
}
