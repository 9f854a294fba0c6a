namespace StudyBot.Training.Training;

/// <summary>A resumable checkpoint was written after step <see cref="Step"/>.</summary>
public sealed record CheckpointSavedEvent(int Step, string Directory) : TrainingEvent;
