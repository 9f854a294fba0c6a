using StudyBot.Training.Models;
using StudyBot.Training.Training;
using TorchSharp;

namespace StudyBot.Training.Tests.Training;

/// <summary>A temp folder with a freshly made tiny GPT-2 (byte tokenizer) and helpers for data files and settings.</summary>
internal sealed class TrainingWorkspace : IDisposable
{
    /// <summary>A short, regular text a tiny model can learn within a few hundred CPU steps.</summary>
    public const string Corpus =
        "low rank adaptation freezes the base weights and learns a small update. " +
        "the update is the product of two thin matrices, so it has few parameters. " +
        "after training the update can be merged into the weights for free inference. ";

    private TrainingWorkspace(string root, string modelDirectory)
    {
        Root = root;
        ModelDirectory = modelDirectory;
    }

    public string Root { get; }

    public string ModelDirectory { get; }

    public string OutputDirectory => Path.Combine(Root, "run");

    /// <summary>
    /// Makes the tiny model exactly as <c>studybot make-tiny-model</c> and the playground do, so the trainer is
    /// tested on the base model users get.
    /// </summary>
    public static TrainingWorkspace Create(TinyModelOptions? options = null)
    {
        // One intra-op thread: the test machine is shared, and oversubscribed OpenMP spinning is far slower than one thread.
        torch.set_num_threads(1);
        var root = Path.Combine(Path.GetTempPath(), "studybot-training-" + Guid.NewGuid().ToString("N"));
        var model = Path.Combine(root, "model");
        TinyModelFactory.Create(model, options ?? new TinyModelOptions(Layers: 2, Embd: 64, Heads: 4, Positions: 128));
        return new TrainingWorkspace(root, model);
    }

    public string WriteData(string fileName, string content)
    {
        var path = Path.Combine(Root, fileName);
        File.WriteAllText(path, content);
        return path;
    }

    public string WriteCorpus(int repeats = 12) => WriteData("corpus.txt", string.Concat(Enumerable.Repeat(Corpus, repeats)));

    /// <summary>Settings small enough for a CPU test: a few hundred tokens per step.</summary>
    public FineTuneSettings Settings(string dataPath, string? outputDirectory = null) => new()
    {
        ModelDirectory = ModelDirectory,
        DataPath = dataPath,
        OutputDirectory = outputDirectory ?? OutputDirectory,
        TargetModules = ["c_attn", "c_proj", "c_fc"],
        Rank = 8,
        Alpha = 16,
        LearningRate = 1e-2,
        Steps = 40,
        WarmupSteps = 4,
        BatchSize = 4,
        SequenceLength = 32,
        Seed = 7,
        Device = StudyBot.Training.Devices.DeviceChoice.Cpu,
    };

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; never fail a test over cleanup.
        }
    }
}
