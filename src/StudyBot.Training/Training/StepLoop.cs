using StudyBot.Training.Data;
using StudyBot.Training.Devices;
using StudyBot.Training.Lora;
using StudyBot.Training.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StudyBot.Training.Training;

/// <summary>
/// One optimizer step at a time, with nothing read back from the device: each step's loss and gradient norm stay
/// in a small device tensor until <see cref="Flush"/> reads all pending ones in a single transfer. Each step runs in
/// its own dispose scope, and re-seeds torch's generator from (seed, step) so dropout is the same whether or not a
/// run was interrupted. The loss is the token-weighted mean over all micro-batches of a step, computed over chunks
/// of positions (<see cref="ChunkedCausalLmLoss"/>) so the fp32 logits of the whole batch never exist at once.
/// </summary>
internal sealed class StepLoop
{
    private readonly Gpt2LMHeadModel _model;
    private readonly AdamW _optimizer;
    private readonly IReadOnlyList<Parameter> _parameters;
    private readonly TokenizedDataset _dataset;
    private readonly FineTuneSettings _settings;
    private readonly DeviceSelection _device;
    private readonly TimeProvider _time;
    private readonly BatchSampler _sampler;
    private readonly LearningRateSchedule _schedule;
    private readonly int _chunkPositions;
    private readonly List<(int Step, double LearningRate, long Tokens, Tensor Statistics)> _pending = [];
    private long _windowStart;

    public StepLoop(
        Gpt2LMHeadModel model,
        LoraAdapter adapter,
        AdamW optimizer,
        TokenizedDataset dataset,
        FineTuneSettings settings,
        TrainingPlan plan,
        DeviceSelection device,
        TimeProvider time)
    {
        _model = model;
        _optimizer = optimizer;
        _parameters = adapter.TrainableParameters;
        _dataset = dataset;
        _settings = settings;
        _device = device;
        _time = time;
        _sampler = new BatchSampler(dataset.Train.Count, settings.BatchSize, settings.Seed);
        _schedule = new LearningRateSchedule(settings.LearningRate, settings.WarmupSteps, plan.TotalSteps, settings.Schedule);
        _chunkPositions = ChunkedCausalLmLoss.ChunkPositionsFor(model.Config.VocabSize);
        _windowStart = time.GetTimestamp();
    }

    /// <summary>Runs optimizer step <paramref name="step"/> (0-based).</summary>
    public void Step(int step)
    {
        using var scope = NewDisposeScope();
        torch.manual_seed(unchecked((long)SeededRandom.Derive(_settings.Seed, 0x57E9, step)));
        var learningRate = _schedule.At(step);
        foreach (var group in _optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }

        _model.train();
        // Every micro-batch's summed token loss is divided by the labelled tokens of the whole step, so with
        // prompt/completion masking (micro-batches with different numbers of loss tokens) the accumulated gradient is
        // the token-weighted mean over the step's batch, exactly as if it had been one batch. Counted on the host.
        var accumulation = _settings.GradientAccumulation;
        var microBatches = new int[accumulation][];
        long labelledTokens = 0;
        long inputTokens = 0;
        for (var micro = 0; micro < accumulation; micro++)
        {
            microBatches[micro] = _sampler.MicroBatch(((long)step * accumulation) + micro);
            labelledTokens += microBatches[micro].Sum(i => (long)_dataset.Train[i].LabelCount);
            inputTokens += microBatches[micro].Sum(i => (long)_dataset.Train[i].TokenCount);
        }

        var normalizer = Math.Max(1, labelledTokens);
        Tensor? lossSum = null;
        foreach (var indices in microBatches)
        {
            var (inputs, labels) = BatchTensors.Create(_dataset.Train, indices, _device.Device);
            var sum = ChunkedCausalLmLoss.SumAndBackward(_model, inputs, labels, normalizer, _chunkPositions);
            lossSum = lossSum is null ? sum : lossSum + sum;
        }

        var gradNorm = GradientClipper.ClipByGlobalNorm(_parameters, _settings.MaxGradNorm);
        _optimizer.step();
        _optimizer.zero_grad();
        var meanLoss = lossSum! / (double)normalizer;
        var statistics = stack([meanLoss.to(ScalarType.Float32), gradNorm.to(ScalarType.Float32)]);
        _pending.Add((step, learningRate, inputTokens, statistics.DetachFromDisposeScope()));
    }

    /// <summary>Reads the pending steps' statistics back (one device synchronisation) and starts a new timing window.</summary>
    public FlushedSteps Flush()
    {
        if (_pending.Count == 0)
        {
            return new FlushedSteps([], 0, 0);
        }

        float[] values;
        using (var scope = NewDisposeScope())
        {
            values = stack(_pending.Select(p => p.Statistics).ToArray()).cpu().data<float>().ToArray();
        }

        var records = new List<StepRecord>(_pending.Count);
        for (var i = 0; i < _pending.Count; i++)
        {
            records.Add(new StepRecord(_pending[i].Step + 1, values[2 * i], _pending[i].LearningRate, values[(2 * i) + 1]));
            _pending[i].Statistics.Dispose();
        }

        var seconds = _time.GetElapsedTime(_windowStart).TotalSeconds;
        _windowStart = _time.GetTimestamp();
        // Real input tokens only: padding positions of short prompt/completion examples are not throughput.
        var tokens = _pending.Sum(p => p.Tokens);
        _pending.Clear();
        return new FlushedSteps(records, seconds, tokens);
    }

    /// <summary>Starts the timing window afresh, so evaluation or checkpoint time is not counted as training.</summary>
    public void RestartTiming() => _windowStart = _time.GetTimestamp();

    /// <summary>Device memory in use (NVML), on CUDA only.</summary>
    public long? GpuMemoryBytes() =>
        _device.IsCuda ? NvmlProbe.UsedMemoryBytes(Math.Max(0, (int)_device.Device.index)) : null;
}
