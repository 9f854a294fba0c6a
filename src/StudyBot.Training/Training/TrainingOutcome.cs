namespace StudyBot.Training.Training;

/// <summary>How a run ended (failures are exceptions, not outcomes).</summary>
public enum TrainingOutcome
{
    Completed,
    Cancelled,
}
