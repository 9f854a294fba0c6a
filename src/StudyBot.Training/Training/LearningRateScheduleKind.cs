namespace StudyBot.Training.Training;

/// <summary>How the learning rate falls after warm-up.</summary>
public enum LearningRateScheduleKind
{
    Cosine,
    Linear,
}
