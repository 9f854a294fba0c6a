using StudyBot.Training.Models;
using StudyBot.Training.Safetensors;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace StudyBot.Training.Lora;

/// <summary>
/// LoRA adapters attached to a GPT-2 model's Conv1D layers. Injecting freezes every base parameter; only the
/// fp32 A/B matrices train. Inject after the model has been moved to its device: the A/B tensors are created on the
/// device of each wrapped weight. Disposing detaches the adapters (a merged update stays in the base weights).
/// </summary>
public sealed class LoraAdapter : IDisposable
{
    private readonly List<Target> targets;
    private bool disposed;

    private LoraAdapter(Gpt2LMHeadModel model, LoraSettings settings, List<Target> targets)
    {
        Model = model;
        Settings = settings;
        this.targets = targets;
        TrainableParameters = targets.SelectMany(t => new[] { t.Branch.A, t.Branch.B }).ToList();
        TrainableParameterCount = TrainableParameters.Sum(p => p.numel());
    }

    public Gpt2LMHeadModel Model { get; }

    public LoraSettings Settings { get; }

    /// <summary>Full names of the wrapped layers, e.g. "transformer.h.0.attn.c_attn".</summary>
    public IReadOnlyList<string> TargetModuleNames => targets.Select(t => t.Name).ToList();

    /// <summary>lora_A / lora_B of every target (fp32, requires_grad), in target order, A before B.</summary>
    public IReadOnlyList<Parameter> TrainableParameters { get; }

    public long TrainableParameterCount { get; }

    public bool IsMerged => targets.Count > 0 && targets[0].Branch.Merged;

    public static LoraAdapter Inject(Gpt2LMHeadModel model, LoraSettings settings)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(settings);
        if (settings.Problem() is { } problem)
        {
            throw new ArgumentException(problem, nameof(settings));
        }

        var candidates = model.named_modules()
            .Where(m => m.module is Gpt2Conv1D)
            .Select(m => (m.name, Layer: (Gpt2Conv1D)m.module))
            .ToList();
        var chosen = candidates
            .Where(c => settings.EffectiveTargetModules.Any(t => LoraSettings.Matches(c.name, t)))
            .ToList();
        var unmatched = settings.EffectiveTargetModules
            .Where(t => !candidates.Any(c => LoraSettings.Matches(c.name, t)))
            .ToList();
        if (unmatched.Count > 0)
        {
            throw new ArgumentException(
                $"LoRA target module(s) {string.Join(", ", unmatched.Select(u => $"'{u}'"))} match no layer; GPT-2 offers c_attn, c_proj, c_fc, attn.c_proj, mlp.c_proj, mlp.c_fc.",
                nameof(settings));
        }

        if (chosen.FirstOrDefault(c => c.Layer.Lora is not null) is { Layer: not null } taken)
        {
            throw new InvalidOperationException($"Layer '{taken.name}' already has a LoRA adapter; dispose it first.");
        }

        foreach (var parameter in model.parameters())
        {
            parameter.requires_grad = false;
        }

        var targets = new List<Target>(chosen.Count);
        foreach (var (name, layer) in chosen)
        {
            var branch = new LoraBranch(layer.InFeatures, layer.OutFeatures, settings.Rank, settings.Scaling, settings.Dropout, layer.Weight.device);
            layer.Lora = branch;
            targets.Add(new Target(name, layer, branch));
        }

        return new LoraAdapter(model, settings, targets);
    }

    /// <summary>Reads adapter_config.json from a PEFT adapter folder, injects matching adapters and loads their weights.</summary>
    public static LoraAdapter InjectFromDirectory(Gpt2LMHeadModel model, string directory)
    {
        var config = PeftAdapterConfig.Read(Path.Combine(directory, PeftAdapterConfig.FileName));
        var adapter = Inject(model, config.ToSettings());
        try
        {
            adapter.LoadWeights(directory);
            return adapter;
        }
        catch
        {
            adapter.Dispose();
            throw;
        }
    }

    /// <summary>Folds scaling·B·A into the base weights, so the forward pass costs nothing extra.</summary>
    public void Merge()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var guard = no_grad();
        foreach (var target in targets.Where(t => !t.Branch.Merged))
        {
            using var delta = target.Branch.DeltaWeight();
            using var cast = delta.to(target.Layer.Weight.dtype);
            target.Layer.Weight.add_(cast);
            target.Branch.Merged = true;
        }
    }

    /// <summary>Subtracts the merged update again (exact in fp32 up to rounding; lossy for bf16 base weights).</summary>
    public void Unmerge()
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        using var guard = no_grad();
        foreach (var target in targets.Where(t => t.Branch.Merged))
        {
            using var delta = target.Branch.DeltaWeight();
            using var cast = delta.to(target.Layer.Weight.dtype);
            target.Layer.Weight.sub_(cast);
            target.Branch.Merged = false;
        }
    }

    /// <summary>
    /// The adapter weights under PEFT key names ("base_model.model.transformer.h.0.attn.c_attn.lora_A.weight").
    /// The tensors are the live parameters: do not dispose them.
    /// </summary>
    public IReadOnlyDictionary<string, Tensor> StateDict()
    {
        var state = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (var target in targets)
        {
            state[PeftKeys.KeyFor(target.Name, isA: true)] = target.Branch.A;
            state[PeftKeys.KeyFor(target.Name, isA: false)] = target.Branch.B;
        }

        return state;
    }

    /// <summary>Writes adapter_model.safetensors and adapter_config.json in the format PEFT loads.</summary>
    public void Save(string directory, string baseModelNameOrPath)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        Directory.CreateDirectory(directory);
        SafetensorsFile.Write(
            Path.Combine(directory, PeftKeys.WeightsFileName),
            StateDict(),
            new Dictionary<string, string> { ["format"] = "pt" });
        PeftAdapterConfig.From(Settings, baseModelNameOrPath).Write(Path.Combine(directory, PeftAdapterConfig.FileName));
    }

    /// <summary>
    /// Copies A/B from a PEFT adapter folder's adapter_model.safetensors into this adapter. Accepts keys with or
    /// without the ".default" adapter name and with or without "transformer."; every target must be present with
    /// the right shape, and no unknown LoRA key may be left over. Throws <see cref="InvalidDataException"/>.
    /// </summary>
    public void LoadWeights(string directory)
    {
        var path = Path.Combine(directory, PeftKeys.WeightsFileName);
        SafetensorsContent content;
        try
        {
            content = SafetensorsFile.Read(path);
        }
        catch (SafetensorsFormatException e)
        {
            throw new InvalidDataException(e.Message, e);
        }

        using (content)
        {
            LoadStateDict(content.Tensors, $"Adapter weights '{path}'");
        }
    }

    /// <summary>
    /// Copies A/B from tensors keyed like <see cref="StateDict"/> (PEFT variants accepted, as in <see cref="LoadWeights"/>),
    /// e.g. to resume from a checkpoint. Validates everything before copying, so a bad input leaves the adapter unchanged.
    /// </summary>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, string source = "Adapter state")
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        ArgumentNullException.ThrowIfNull(state);
        if (IsMerged)
        {
            throw new InvalidOperationException("Unmerge the adapter before loading other weights into it.");
        }

        var byModule = targets.ToDictionary(t => t.Name, StringComparer.Ordinal);
        var seen = new HashSet<(string, bool)>();
        var pending = new List<(Parameter Destination, Tensor Source)>();
        foreach (var (key, tensor) in state)
        {
            if (!PeftKeys.TryParse(key, out var moduleName, out var isA))
            {
                throw new InvalidDataException($"{source}: tensor '{key}' is not a LoRA A/B weight this loader understands.");
            }

            if (!byModule.TryGetValue(moduleName, out var target))
            {
                throw new InvalidDataException($"{source}: tensor '{key}' is for layer '{moduleName}', which this adapter does not wrap (targets: {string.Join(", ", Settings.EffectiveTargetModules)}).");
            }

            var destination = isA ? target.Branch.A : target.Branch.B;
            if (!tensor.shape.SequenceEqual(destination.shape))
            {
                throw new InvalidDataException($"{source}: tensor '{key}' has shape [{string.Join(", ", tensor.shape)}] but [{string.Join(", ", destination.shape)}] is expected (rank {Settings.Rank}).");
            }

            if (!tensor.is_floating_point())
            {
                throw new InvalidDataException($"{source}: tensor '{key}' has non-floating dtype {tensor.dtype}.");
            }

            if (!seen.Add((moduleName, isA)))
            {
                throw new InvalidDataException($"{source}: layer '{moduleName}' has lora_{(isA ? "A" : "B")} twice.");
            }

            pending.Add((destination, tensor));
        }

        var missing = targets.SelectMany(t => new[] { (t.Name, true), (t.Name, false) }).Where(k => !seen.Contains(k)).ToList();
        if (missing.Count > 0)
        {
            throw new InvalidDataException($"{source}: missing {string.Join(", ", missing.Select(m => PeftKeys.KeyFor(m.Item1, m.Item2)))}.");
        }

        using var guard = no_grad();
        foreach (var (destination, value) in pending)
        {
            destination.copy_(value);
        }
    }

    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        foreach (var target in targets)
        {
            target.Layer.Lora = null;
            target.Branch.Dispose();
        }
    }

    private sealed record Target(string Name, Gpt2Conv1D Layer, LoraBranch Branch);
}
