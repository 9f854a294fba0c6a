namespace StudyBot.FineTune;

/// <summary>How a trainer process ended. <paramref name="Killed"/>: the supervisor killed its process tree (a cancel, or a
/// child that did not stop when asked). <paramref name="AskedToStop"/>: the supervisor closed its standard input to
/// ask it to stop (shutdown, time limit).</summary>
public sealed record TrainerExit(int ExitCode, bool Killed, IReadOnlyList<string> StandardErrorTail, bool AskedToStop = false);
