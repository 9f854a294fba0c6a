namespace StudyBot.Core.FineTune;

public enum FineTuneEditStatus
{
    Edited,

    /// <summary>The message was deleted or can no longer be edited; the worker stops editing it.</summary>
    Gone,

    /// <summary>A transient failure (rate limit, network); the next edit may work.</summary>
    Failed,
}
