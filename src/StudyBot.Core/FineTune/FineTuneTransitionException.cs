namespace StudyBot.Core.FineTune;

/// <summary>A state change that the run's current state does not allow (e.g. cancelling a finished run).</summary>
public sealed class FineTuneTransitionException : InvalidOperationException
{
    public FineTuneTransitionException()
    {
    }

    public FineTuneTransitionException(string message)
        : base(message)
    {
    }

    public FineTuneTransitionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public FineTuneTransitionException(string runId, FineTuneRunState from, string action)
        : base($"Run {runId} is {from.ToString().ToLowerInvariant()}; it cannot be {action}.")
    {
        RunId = runId;
        From = from;
    }

    public string? RunId { get; }

    public FineTuneRunState? From { get; }
}
