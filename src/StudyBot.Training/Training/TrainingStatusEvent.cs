namespace StudyBot.Training.Training;

/// <summary>A phase change worth showing a person ("loading model", "evaluating before training", …).</summary>
public sealed record TrainingStatusEvent(string Message) : TrainingEvent;
