namespace StudyBot.Training.Models;

/// <summary>What pretraining did: steps, tokens it trained on, validation loss before and after, and how long it took.</summary>
public sealed record TinyPretrainResult(
    int Steps,
    long DatasetTokens,
    int TrainSequences,
    int ValidationSequences,
    double ValidationLossBefore,
    double ValidationLossAfter,
    double FinalTrainingLoss,
    TimeSpan Duration);
