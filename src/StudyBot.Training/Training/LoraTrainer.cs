using StudyBot.Training.Data;
using StudyBot.Training.Devices;
using StudyBot.Training.Evaluation;
using StudyBot.Training.Lora;
using StudyBot.Training.Models;
using StudyBot.Training.Reporting;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StudyBot.Training.Training;

/// <summary>
/// Fine-tunes LoRA adapters on a GPT-2 model: AdamW over the adapter weights only, warm-up then cosine/linear decay,
/// global-norm clipping on the device, gradient accumulation, validation and samples before and after, periodic
/// checkpoints with exact resume, and the run folder's reports. Every input problem is reported before the first
/// step. On CPU the same seed gives bit-identical losses; on CUDA the frozen base weights are bf16 while the adapter,
/// optimizer state and loss stay fp32.
/// </summary>
public sealed class LoraTrainer
{
    private readonly TimeProvider _time;

    public LoraTrainer(TimeProvider? timeProvider = null)
    {
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>
    /// Runs training on a dedicated thread. Progress events arrive synchronously on that thread, in order.
    /// Cancellation stops before the next step; the result then says <see cref="TrainingOutcome.Cancelled"/> and
    /// the adapter, a checkpoint and the reports so far are written. Bad input throws
    /// <see cref="FineTuneValidationException"/>, <see cref="DatasetException"/>, <see cref="ModelLoadException"/> or
    /// <see cref="DeviceUnavailableException"/> before any training step.
    /// </summary>
    public Task<TrainingResult> RunAsync(
        FineTuneSettings settings,
        IProgress<TrainingEvent>? progress = null,
        CancellationToken cancellationToken = default) =>
        RunAsync(settings, new TrainingRunOptions(), progress, cancellationToken);

    public Task<TrainingResult> RunAsync(
        FineTuneSettings settings,
        TrainingRunOptions options,
        IProgress<TrainingEvent>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        // TorchSharp's dispose scopes are per thread and a run blocks for minutes: give it a thread of its own.
        return Task.Factory.StartNew(
            () => Run(settings, options, progress, cancellationToken),
            CancellationToken.None,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default);
    }

    /// <summary>The synchronous body of <see cref="RunAsync(FineTuneSettings, TrainingRunOptions, IProgress{TrainingEvent}?, CancellationToken)"/>.</summary>
    public TrainingResult Run(FineTuneSettings settings, TrainingRunOptions options, IProgress<TrainingEvent>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(options);
        var startedAt = _time.GetUtcNow();
        var startTimestamp = _time.GetTimestamp();
        settings.EnsureValid();
        var raw = DatasetFileReader.Read(settings.DataPath);

        Report(progress, new TrainingStatusEvent("selecting device"));
        var selection = TorchDevices.Select(settings.Device, options.LibTorchDirectory);
        Report(progress, new TrainingStatusEvent(selection.Report.ToString()));
        if (selection.IsCuda)
        {
            torch.backends.cuda.matmul.allow_tf32 = true;
        }

        Report(progress, new TrainingStatusEvent($"loading model from {settings.ModelDirectory}"));
        var pretrained = Gpt2Loader.Load(settings.ModelDirectory, selection.Device, selection.IsCuda ? ScalarType.BFloat16 : ScalarType.Float32);
        using var model = pretrained.Model;
        var dataset = DatasetBuilder.Build(raw, pretrained.Tokenizer, new DatasetBuildOptions(settings.SequenceLength, settings.ValidationFraction));
        var plan = TrainingPlan.Create(settings, dataset, pretrained.Config.NPositions, pretrained.Tokenizer);

        torch.manual_seed(settings.Seed);
        using var adapter = InjectAdapter(model, settings);
        using var optimizer = LoraOptimizer.Create(adapter, settings);
        var paths = new RunOutputPaths(settings.OutputDirectory);
        Directory.CreateDirectory(paths.Directory);
        var baseModelName = settings.BaseModelName ?? pretrained.Directory;
        var fingerprint = SettingsFingerprint.Compute(settings, plan.TotalSteps);

        var run = new RunState(plan.TotalSteps);
        var resumeFrom = options.Resume ? TrainingCheckpoints.FindLatest(paths) : null;
        var evaluationTimestamp = _time.GetTimestamp();
        double evaluationSeconds = 0;
        if (resumeFrom is not null)
        {
            var state = TrainingCheckpoints.ReadState(resumeFrom);
            if (!string.Equals(state.Fingerprint, fingerprint, StringComparison.Ordinal))
            {
                throw new FineTuneValidationException(
                    $"the checkpoint '{resumeFrom}' was written with different data, base model or settings; it cannot be resumed by this run. Delete the checkpoints folder to start over.");
            }

            TrainingCheckpoints.Restore(resumeFrom, adapter, optimizer);
            run.RestoreFrom(state);
            Report(progress, new TrainingStatusEvent($"resumed from step {state.Step} ({resumeFrom})"));
        }

        var cancelled = false;
        if (resumeFrom is null)
        {
            Report(progress, new TrainingStatusEvent("evaluating before training"));
            cancelled = !Cancellable(() =>
            {
                var before = ValidationEvaluator.Evaluate(
                    model, dataset.Validation, settings.BatchSize, selection.Device, settings.MaxValidationBatches, cancellationToken: cancellationToken);
                run.Before = before;
                run.Evaluations.Add(new EvaluationPoint(0, EvaluationPoint.Before, before.Loss, before.Perplexity));
                Report(progress, new EvaluationEvent(0, EvaluationPoint.Before, before.Loss, before.Perplexity));
                run.BeforeSamples = Sample(model, pretrained, settings, selection.Device, cancellationToken);
            }, cancellationToken);
            evaluationSeconds += _time.GetElapsedTime(evaluationTimestamp).TotalSeconds;
        }

        var setupSeconds = _time.GetElapsedTime(startTimestamp).TotalSeconds - evaluationSeconds;
        var progressInterval = settings.ProgressInterval ?? (selection.IsCuda ? 10 : 1);
        var loop = new StepLoop(model, adapter, optimizer, dataset, settings, plan, selection, _time);
        var startStep = run.StepsCompleted;
        Report(progress, new TrainingStatusEvent(
            $"training {adapter.TrainableParameterCount:N0} LoRA parameters for {plan.TotalSteps} steps ({TokensPerStepText(plan)}) from step {startStep}"));
        for (var step = startStep; step < plan.TotalSteps && !cancelled; step++)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                cancelled = true;
                break;
            }

            loop.Step(step);
            var isLast = step + 1 == plan.TotalSteps;
            var wantsEval = settings.EvalInterval > 0 && (step + 1) % settings.EvalInterval == 0 && !isLast;
            var wantsCheckpoint = settings.CheckpointInterval > 0 && (step + 1) % settings.CheckpointInterval == 0;
            if ((step + 1) % progressInterval == 0 || isLast || wantsEval || wantsCheckpoint)
            {
                Flush(loop, run, progress);
            }

            if (wantsEval)
            {
                var evalStart = _time.GetTimestamp();
                var evaluatedStep = step + 1;
                cancelled = !Cancellable(() =>
                {
                    var during = ValidationEvaluator.Evaluate(
                        model, dataset.Validation, settings.BatchSize, selection.Device, settings.MaxValidationBatches, cancellationToken: cancellationToken);
                    run.Evaluations.Add(new EvaluationPoint(evaluatedStep, EvaluationPoint.During, during.Loss, during.Perplexity));
                    Report(progress, new EvaluationEvent(evaluatedStep, EvaluationPoint.During, during.Loss, during.Perplexity));
                }, cancellationToken);
                evaluationSeconds += _time.GetElapsedTime(evalStart).TotalSeconds;
            }

            if (wantsCheckpoint)
            {
                var directory = SaveCheckpoint(paths, run, fingerprint, adapter, optimizer, settings, baseModelName);
                Report(progress, new CheckpointSavedEvent(run.StepsCompleted, directory));
            }

            if (wantsEval || wantsCheckpoint)
            {
                loop.RestartTiming();
            }
        }

        Flush(loop, run, progress);

        // Saved before the final evaluation and samples, so the trained adapter survives a failure in them.
        adapter.Save(paths.Adapter, baseModelName);
        IReadOnlyList<SampleText>? afterSamples = null;
        if (!cancelled)
        {
            Report(progress, new TrainingStatusEvent("evaluating after training"));
            var evalStart = _time.GetTimestamp();
            cancelled = !Cancellable(() =>
            {
                var after = ValidationEvaluator.Evaluate(
                    model, dataset.Validation, settings.BatchSize, selection.Device, settings.MaxValidationBatches, cancellationToken: cancellationToken);
                var samplesAfter = Sample(model, pretrained, settings, selection.Device, cancellationToken);
                run.After = after;
                run.Evaluations.Add(new EvaluationPoint(run.StepsCompleted, EvaluationPoint.After, after.Loss, after.Perplexity));
                Report(progress, new EvaluationEvent(run.StepsCompleted, EvaluationPoint.After, after.Loss, after.Perplexity));
                afterSamples = samplesAfter;
            }, cancellationToken);
            evaluationSeconds += _time.GetElapsedTime(evalStart).TotalSeconds;
        }

        if (cancelled)
        {
            if (run.StepsCompleted > startStep)
            {
                var directory = SaveCheckpoint(paths, run, fingerprint, adapter, optimizer, settings, baseModelName);
                Report(progress, new CheckpointSavedEvent(run.StepsCompleted, directory));
            }

            Report(progress, new TrainingStatusEvent($"cancelled after step {run.StepsCompleted}"));
        }

        var samples = PromptSampler.Pair(run.BeforeSamples, afterSamples);
        var duration = _time.GetElapsedTime(startTimestamp);
        var trainingSeconds = run.TrainingSeconds;
        var tokensPerSecond = trainingSeconds > 0 ? run.TokensProcessed / trainingSeconds : 0;
        var tokensPerStep = run.StepsCompleted > 0
            ? (long)Math.Round((double)run.TokensProcessed / run.StepsCompleted)
            : (long)Math.Round(plan.MeanTokensPerStep);
        var outcome = cancelled ? TrainingOutcome.Cancelled : TrainingOutcome.Completed;
        var metrics = new RunMetrics(
            outcome,
            settings,
            selection.Report.ToString(),
            selection.Report,
            DatasetSummary.From(dataset),
            adapter.TrainableParameterCount,
            run.StepsCompleted,
            plan.TotalSteps,
            resumeFrom is null ? null : startStep,
            tokensPerStep,
            tokensPerSecond,
            run.Before,
            run.After,
            run.Steps,
            run.Evaluations,
            new RunTimings(startedAt, _time.GetUtcNow(), duration.TotalSeconds, setupSeconds, trainingSeconds, evaluationSeconds));
        RunReportWriter.Write(paths, metrics, samples);
        return new TrainingResult(
            outcome,
            run.StepsCompleted,
            plan.TotalSteps,
            metrics.ResumedFromStep,
            run.Before,
            run.After,
            run.Steps,
            run.Evaluations,
            samples,
            paths,
            duration,
            TimeSpan.FromSeconds(trainingSeconds),
            tokensPerSecond,
            adapter.TrainableParameterCount,
            selection.Report);
    }

    private static string TokensPerStepText(TrainingPlan plan)
    {
        var tokens = (long)Math.Round(plan.MeanTokensPerStep);
        return tokens == plan.PositionsPerStep
            ? $"{tokens:N0} tokens per step"
            : $"about {tokens:N0} tokens per step in {plan.PositionsPerStep:N0} positions, the rest padding";
    }

    private static LoraAdapter InjectAdapter(Gpt2LMHeadModel model, FineTuneSettings settings)
    {
        try
        {
            return LoraAdapter.Inject(model, new LoraSettings(settings.Rank, settings.Alpha, settings.Dropout, settings.TargetModules));
        }
        catch (ArgumentException ex)
        {
            throw new FineTuneValidationException(ex.Message, ex);
        }
    }

    /// <summary>Runs an evaluation or sampling pass; false when it was cancelled part-way (its partial result is dropped).</summary>
    private static bool Cancellable(Action pass, CancellationToken cancellationToken)
    {
        try
        {
            pass();
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    private static IReadOnlyList<SampleText> Sample(Gpt2LMHeadModel model, PretrainedGpt2 pretrained, FineTuneSettings settings, Device device, CancellationToken cancellationToken) =>
        settings.SamplePrompts.Count == 0 || settings.SampleMaxTokens == 0
            ? []
            : PromptSampler.Generate(
                model,
                pretrained.Tokenizer,
                pretrained.Config.NPositions,
                settings.SamplePrompts,
                new SamplingSettings(settings.SampleMaxTokens, settings.SampleTemperature, settings.SampleTopK, settings.Seed),
                device,
                cancellationToken);

    private string SaveCheckpoint(
        RunOutputPaths paths, RunState run, string fingerprint, LoraAdapter adapter, OptimizerHelper optimizer, FineTuneSettings settings, string baseModelName)
    {
        var state = new CheckpointState(
            run.StepsCompleted, run.TotalSteps, fingerprint, run.Steps.ToList(), run.Evaluations.ToList(), run.Before, run.BeforeSamples, run.TrainingSeconds, run.TokensProcessed);
        return TrainingCheckpoints.Save(paths, state, adapter, optimizer, settings.CheckpointsToKeep, baseModelName);
    }

    private void Flush(StepLoop loop, RunState run, IProgress<TrainingEvent>? progress)
    {
        var flushed = loop.Flush();
        if (flushed.Records.Count == 0)
        {
            return;
        }

        run.Add(flushed);
        var last = flushed.Records[^1];
        var secondsPerStep = run.SessionSeconds / Math.Max(1, run.Steps.Count - run.RestoredStepCount);
        var remaining = run.TotalSteps - last.Step;
        Report(progress, new TrainingProgressEvent(
            last.Step,
            run.TotalSteps,
            last.Loss,
            last.LearningRate,
            last.GradNorm,
            flushed.Seconds > 0 ? flushed.Tokens / flushed.Seconds : 0,
            TimeSpan.FromSeconds(run.TrainingSeconds),
            TimeSpan.FromSeconds(secondsPerStep * remaining),
            loop.GpuMemoryBytes()));
    }

    private static void Report(IProgress<TrainingEvent>? progress, TrainingEvent trainingEvent) => progress?.Report(trainingEvent);
}
