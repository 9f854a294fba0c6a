using StudyBot.Training.Evaluation;

namespace StudyBot.Training.Training;

/// <summary>The host-side record of a run in progress: what metrics.json and a checkpoint's state.json are made of.</summary>
internal sealed class RunState
{
    public RunState(int totalSteps)
    {
        TotalSteps = totalSteps;
    }

    public int TotalSteps { get; }

    public List<StepRecord> Steps { get; } = [];

    public List<EvaluationPoint> Evaluations { get; } = [];

    /// <summary>Null until the evaluation before training has finished (a run cancelled during it has none).</summary>
    public EvaluationResult? Before { get; set; }

    public IReadOnlyList<SampleText> BeforeSamples { get; set; } = [];

    public EvaluationResult? After { get; set; }

    /// <summary>Optimizer-step time of the whole run, including sessions before a resume.</summary>
    public double TrainingSeconds { get; private set; }

    /// <summary>Optimizer-step time of this session only (for the ETA).</summary>
    public double SessionSeconds { get; private set; }

    public long TokensProcessed { get; private set; }

    public int RestoredStepCount { get; private set; }

    public int StepsCompleted => Steps.Count;

    public void Add(FlushedSteps flushed)
    {
        Steps.AddRange(flushed.Records);
        TrainingSeconds += flushed.Seconds;
        SessionSeconds += flushed.Seconds;
        TokensProcessed += flushed.Tokens;
    }

    public void RestoreFrom(CheckpointState state)
    {
        Steps.AddRange(state.Steps);
        Evaluations.AddRange(state.Evaluations);
        Before = state.Before;
        BeforeSamples = state.BeforeSamples;
        TrainingSeconds = state.TrainingSeconds;
        TokensProcessed = state.TokensProcessed;
        RestoredStepCount = state.Steps.Count;
    }
}
