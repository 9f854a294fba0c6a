namespace StudyBot.Core.FineTune;

/// <summary>Where a fine-tune run is in its life. Succeeded, Failed and Cancelled are final.</summary>
public enum FineTuneRunState
{
    Requested,
    AwaitingApproval,
    Queued,
    Running,
    Succeeded,
    Failed,
    Cancelled,
}
