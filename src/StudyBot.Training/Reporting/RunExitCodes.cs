namespace StudyBot.Training.Reporting;

/// <summary>Exit codes of <c>studybot train --run-dir</c>.</summary>
public static class RunExitCodes
{
    public const int Completed = 0;

    /// <summary>Unexpected failure (a bug, out of memory, I/O).</summary>
    public const int Failed = 1;

    /// <summary>Bad settings, data, model files or device: nothing was trained.</summary>
    public const int InvalidInput = 2;

    /// <summary>Cancelled through the token; the adapter and a checkpoint so far were kept.</summary>
    public const int Cancelled = 3;
}
