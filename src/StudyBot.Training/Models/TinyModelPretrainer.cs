using StudyBot.Training.Data;
using StudyBot.Training.Evaluation;
using StudyBot.Training.Training;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StudyBot.Training.Models;

/// <summary>
/// Trains every weight of a tiny GPT-2 on CPU for a fixed number of steps (AdamW, warm-up then cosine decay, global
/// norm clipping at 1.0), so a model written by <see cref="TinyModelFactory"/> has seen some language before LoRA
/// fine-tunes start from it. Deterministic for a given seed.
/// </summary>
public static class TinyModelPretrainer
{
    private const double MaxGradNorm = 1.0;

    public static TinyPretrainResult Run(
        Gpt2LMHeadModel model,
        TokenizedDataset dataset,
        TinyPretrainOptions options,
        IProgress<TinyPretrainProgress>? progress = null,
        TimeProvider? timeProvider = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataset);
        ArgumentNullException.ThrowIfNull(options);
        var time = timeProvider ?? TimeProvider.System;
        var started = time.GetTimestamp();
        var device = model.Transformer.TokenEmbedding.device;

        var before = ValidationEvaluator.Evaluate(model, dataset.Validation, options.BatchSize, device, cancellationToken: cancellationToken).Loss;
        manual_seed(options.Seed);
        IReadOnlyList<Parameter> parameters = model.parameters().ToList();
        using var optimizer = optim.AdamW(parameters, options.LearningRate, beta1: 0.9, beta2: 0.95, eps: 1e-8, weight_decay: options.WeightDecay);
        var sampler = new BatchSampler(dataset.Train.Count, options.BatchSize, options.Seed);
        var schedule = new LearningRateSchedule(options.LearningRate, Math.Max(1, options.Steps / 10), options.Steps, LearningRateScheduleKind.Cosine);
        var lastLoss = double.NaN;
        model.train();
        try
        {
            for (var step = 0; step < options.Steps; step++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var learningRate = schedule.At(step);
                foreach (var group in optimizer.ParamGroups)
                {
                    group.LearningRate = learningRate;
                }

                var (inputs, labels) = BatchTensors.Create(dataset.Train, sampler.MicroBatch(step), device);
                var loss = CausalLmLoss.Mean(model.forward(inputs), labels);
                loss.backward();
                GradientClipper.ClipByGlobalNorm(parameters, MaxGradNorm);
                optimizer.step();
                optimizer.zero_grad();
                lastLoss = loss.item<float>();
                progress?.Report(new TinyPretrainProgress(step + 1, options.Steps, lastLoss, learningRate));
            }
        }
        finally
        {
            model.eval();
        }

        var after = ValidationEvaluator.Evaluate(model, dataset.Validation, options.BatchSize, device, cancellationToken: cancellationToken).Loss;
        return new TinyPretrainResult(
            options.Steps,
            dataset.TotalTokens,
            dataset.Train.Count,
            dataset.Validation.Count,
            before,
            after,
            lastLoss,
            time.GetElapsedTime(started));
    }
}
