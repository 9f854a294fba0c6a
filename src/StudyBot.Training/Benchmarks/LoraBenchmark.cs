using System.Diagnostics;
using StudyBot.Training.Data;
using StudyBot.Training.Devices;
using StudyBot.Training.Lora;
using StudyBot.Training.Models;
using StudyBot.Training.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace StudyBot.Training.Benchmarks;

/// <summary>
/// LoRA training throughput, the same work as shared/bench/peft_lora_bench.py. On CUDA: frozen base in bf16
/// (TorchSharp has no autocast), LoRA weights, AdamW state and the loss in fp32, TF32 matmuls, causal SDPA (flash),
/// gradient clipping on the device, a dispose scope per step and no host synchronisation inside the timed loop.
/// </summary>
public static class LoraBenchmark
{
    public static LoraBenchmarkResult Run(LoraBenchmarkOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(options));
        }

        var selection = TorchDevices.Select(options.Device, options.LibTorchDirectory);
        var device = selection.Device;
        var deviceIndex = Math.Max(0, (int)device.index);
        if (selection.IsCuda)
        {
            torch.backends.cuda.matmul.allow_tf32 = true;
            torch.backends.cuda.enable_flash_sdp(true);
        }

        var baselineBytes = selection.IsCuda ? NvmlProbe.UsedMemoryBytes(deviceIndex) : null;
        var config = new Gpt2Config(options.VocabSize, Math.Max(1024, options.Seq), options.Embd, options.Layers, options.Heads);
        torch.manual_seed(options.Seed);
        using var model = new Gpt2LMHeadModel(config);
        TinyModelFactory.InitializeLikeHuggingFace(model, config, options.Seed);
        model.to(device);
        if (selection.IsCuda)
        {
            model.to(ScalarType.BFloat16);
        }

        model.train();
        using var adapter = LoraAdapter.Inject(model, new LoraSettings(options.Rank, 2.0 * options.Rank, 0.0, options.Targets ?? ["c_attn"]));
        using var optimizer = torch.optim.AdamW(adapter.TrainableParameters, lr: 2e-4, weight_decay: 0.0);
        using var inputs = randint(0, options.VocabSize, [options.Batch, options.Seq], ScalarType.Int64, device);
        // Labels are the inputs shifted left, the last position ignored: the same loss as Hugging Face's labels=x,
        // without slicing (and copying) the [B, T, V] logits.
        using var labels = inputs.roll(-1, 1).index_fill_(1, tensor(new long[] { options.Seq - 1 }, device: device), TrainingExample.IgnoreIndex);

        for (var i = 0; i < options.Warmup; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            Step(model, adapter, optimizer, inputs, labels).Dispose();
        }

        Synchronize(selection);
        long peakBytes = 0;
        Tensor? lastLoss = null;
        var stopwatch = Stopwatch.StartNew();
        for (var i = 0; i < options.Steps; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            lastLoss?.Dispose();
            lastLoss = Step(model, adapter, optimizer, inputs, labels);
            if (selection.IsCuda && NvmlProbe.UsedMemoryBytes(deviceIndex) is { } used)
            {
                peakBytes = Math.Max(peakBytes, used);
            }
        }

        Synchronize(selection);
        stopwatch.Stop();
        var loss = lastLoss!.cpu().item<float>();
        lastLoss.Dispose();
        var seconds = stopwatch.Elapsed.TotalSeconds;
        long? peakMib = selection.IsCuda
            ? baselineBytes is { } baseline && peakBytes > 0 ? (peakBytes - baseline) / (1024 * 1024) : null
            : Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024);
        return new LoraBenchmarkResult(
            LoraBenchmarkResult.Implementation,
            options.Layers,
            options.Embd,
            options.Batch,
            options.Seq,
            options.Rank,
            adapter.TrainableParameterCount,
            (long)Math.Round((double)options.Batch * options.Seq * options.Steps / seconds),
            Math.Round(1000 * seconds / options.Steps, 2),
            peakMib,
            Math.Round(loss, 4));
    }

    private static Tensor Step(Gpt2LMHeadModel model, LoraAdapter adapter, TorchSharp.Modules.AdamW optimizer, Tensor inputs, Tensor labels)
    {
        using var scope = NewDisposeScope();
        // Chunked over positions: the [B, T, vocab] fp32 logits of the whole batch never exist at once. Every row's
        // last position is unlabelled.
        var labelled = Math.Max(1, labels.shape[0] * (labels.shape[1] - 1));
        var loss = ChunkedCausalLmLoss.SumAndBackward(model, inputs, labels, labelled, ChunkedCausalLmLoss.ChunkPositionsFor(model.Config.VocabSize)) / labelled;
        GradientClipper.ClipByGlobalNorm(adapter.TrainableParameters, 1.0);
        optimizer.step();
        optimizer.zero_grad();
        return loss.detach().MoveToOuterDisposeScope();
    }

    private static void Synchronize(DeviceSelection selection)
    {
        if (selection.IsCuda)
        {
            torch.cuda.synchronize();
        }
    }
}
