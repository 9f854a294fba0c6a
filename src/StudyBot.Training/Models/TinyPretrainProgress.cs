namespace StudyBot.Training.Models;

/// <summary>One pretraining step done (1-based <see cref="Step"/>) with its training loss and learning rate.</summary>
public sealed record TinyPretrainProgress(int Step, int TotalSteps, double Loss, double LearningRate);
