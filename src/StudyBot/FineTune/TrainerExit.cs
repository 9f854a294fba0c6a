namespace StudyBot.FineTune;

/// <summary>How a trainer process ended. <paramref name="Killed"/>: the supervisor killed it (cancel, timeout, shutdown).</summary>
public sealed record TrainerExit(int ExitCode, bool Killed, IReadOnlyList<string> StandardErrorTail);
