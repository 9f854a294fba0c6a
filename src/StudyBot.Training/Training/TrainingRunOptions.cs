namespace StudyBot.Training.Training;

/// <summary>
/// How to run (as opposed to what to train): resume from the output folder's latest checkpoint when there is one,
/// and which external libtorch folder to load (null: <c>STUDYBOT_LIBTORCH_DIR</c>, else the packaged one).
/// </summary>
public sealed record TrainingRunOptions(bool Resume = false, string? LibTorchDirectory = null);
