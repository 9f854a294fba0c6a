using System.Globalization;
using System.Text.Json;
using StudyBot.Training.Lora;
using TorchSharp.Modules;

namespace StudyBot.Training.Training;

/// <summary>
/// Writes and finds resumable checkpoints under &lt;output&gt;/checkpoints/step-NNNNNN/: the adapter in PEFT format,
/// optimizer.bin (TorchSharp's AdamW state: moments and step counts) and state.json. A checkpoint is written into
/// a temporary folder and renamed into place, so a crash never leaves a half-written one that looks complete.
/// </summary>
public static class TrainingCheckpoints
{
    public const string StateFileName = "state.json";
    public const string OptimizerFileName = "optimizer.bin";
    private const string Prefix = "step-";

    public static string Save(RunOutputPaths paths, CheckpointState state, LoraAdapter adapter, OptimizerHelper optimizer, int keep, string baseModelName)
    {
        ArgumentNullException.ThrowIfNull(paths);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(optimizer);
        Directory.CreateDirectory(paths.Checkpoints);
        var final = Path.Combine(paths.Checkpoints, Prefix + state.Step.ToString("D6", CultureInfo.InvariantCulture));
        var temp = $"{final}.tmp-{Guid.NewGuid():N}";
        Directory.CreateDirectory(temp);
        try
        {
            adapter.Save(temp, baseModelName);
            optimizer.save_state_dict(Path.Combine(temp, OptimizerFileName));
            File.WriteAllText(Path.Combine(temp, StateFileName), JsonSerializer.Serialize(state, FineTuneSettingsJson.Options));
            if (Directory.Exists(final))
            {
                Directory.Delete(final, recursive: true);
            }

            Directory.Move(temp, final);
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }

        Prune(paths, keep);
        return final;
    }

    /// <summary>The complete checkpoint with the highest step, or null when there is none.</summary>
    public static string? FindLatest(RunOutputPaths paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return Complete(paths).LastOrDefault().Directory;
    }

    public static CheckpointState ReadState(string checkpointDirectory)
    {
        var path = Path.Combine(checkpointDirectory, StateFileName);
        try
        {
            return JsonSerializer.Deserialize<CheckpointState>(File.ReadAllText(path), FineTuneSettingsJson.Options)
                ?? throw new InvalidDataException($"Checkpoint state '{path}' is empty.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"Checkpoint state '{path}' is not valid: {ex.Message}", ex);
        }
    }

    /// <summary>Loads the checkpoint's LoRA weights and optimizer state into live objects.</summary>
    public static void Restore(string checkpointDirectory, LoraAdapter adapter, OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(adapter);
        ArgumentNullException.ThrowIfNull(optimizer);
        adapter.LoadWeights(checkpointDirectory);
        optimizer.load_state_dict(Path.Combine(checkpointDirectory, OptimizerFileName));
    }

    private static List<(int Step, string Directory)> Complete(RunOutputPaths paths)
    {
        if (!Directory.Exists(paths.Checkpoints))
        {
            return [];
        }

        var found = new List<(int, string)>();
        foreach (var directory in Directory.GetDirectories(paths.Checkpoints, Prefix + "*"))
        {
            var name = Path.GetFileName(directory);
            if (int.TryParse(name.AsSpan(Prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var step)
                && File.Exists(Path.Combine(directory, StateFileName)))
            {
                found.Add((step, directory));
            }
        }

        return found.OrderBy(f => f.Item1).ToList();
    }

    private static void Prune(RunOutputPaths paths, int keep)
    {
        var all = Complete(paths);
        foreach (var (_, directory) in all.Take(Math.Max(0, all.Count - Math.Max(1, keep))))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
