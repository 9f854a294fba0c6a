namespace StudyBot.Training.Training;

/// <summary>Something the trainer reports while it runs. Delivered synchronously on the training thread, in order.</summary>
public abstract record TrainingEvent;
