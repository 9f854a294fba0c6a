namespace StudyBot.Training.Training;

/// <summary>Steps whose statistics were just read back from the device, with the time and tokens they took.</summary>
internal sealed record FlushedSteps(IReadOnlyList<StepRecord> Records, double Seconds, long Tokens);
