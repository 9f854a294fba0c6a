using StudyBot.Training.Data;
using StudyBot.Training.Models;
using StudyBot.Training.Tests.Fixtures;
using TorchSharp;
using static TorchSharp.torch;

namespace StudyBot.Training.Tests.Models;

public sealed class TinyModelPretrainingTests : IDisposable
{
    private const string Text =
        "the paper club reads one paper a week. attention lets every token look at every other token. " +
        "lora freezes the base weights and learns a small low rank update. adam keeps running averages of the gradient. ";

    private static readonly TinyModelOptions Shape = new(Layers: 1, Embd: 32, Heads: 2, Positions: 32);

    private readonly TempFolder folder = new();

    public TinyModelPretrainingTests() => torch.set_num_threads(1);

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Pretraining_lowers_the_validation_loss_and_the_saved_model_is_the_trained_one()
    {
        var notes = Path.Combine(folder.Path, "notes");
        Directory.CreateDirectory(notes);
        File.WriteAllText(Path.Combine(notes, "a.md"), string.Concat(Enumerable.Repeat(Text, 6)));
        File.WriteAllText(Path.Combine(notes, "b.txt"), string.Concat(Enumerable.Repeat(Text, 6)));
        File.WriteAllText(Path.Combine(notes, "ignored.json"), "{}");
        var model = Path.Combine(folder.Path, "model");
        var steps = new List<TinyPretrainProgress>();

        var result = TinyModelFactory.Create(
            model, Shape, new TinyPretrainOptions([notes], Steps: 60, BatchSize: 4, SequenceLength: 32, LearningRate: 1e-2), new ListProgress(steps));

        Assert.NotNull(result);
        Assert.Equal(60, result.Steps);
        Assert.Equal(Enumerable.Range(1, 60), steps.Select(s => s.Step));
        Assert.True(result.ValidationLossAfter < result.ValidationLossBefore - 1, $"validation loss {result.ValidationLossBefore} → {result.ValidationLossAfter}");
        Assert.Equal(TokenCount(2 * 6 * Text.Length), result.DatasetTokens);

        var loaded = Gpt2Loader.Load(model, CPU, ScalarType.Float32);
        using var trained = loaded.Model;
        var dataset = TinyPretrainData.Load(new TinyPretrainOptions([notes], 1, SequenceLength: 32), loaded.Tokenizer, 32);
        var reloaded = StudyBot.Training.Evaluation.ValidationEvaluator.Evaluate(trained, dataset.Validation, 4, CPU);
        Assert.Equal(result.ValidationLossAfter, reloaded.Loss, 4);
    }

    [Fact]
    public void Pretraining_is_reproducible_with_the_same_seed()
    {
        var data = Path.Combine(folder.Path, "notes.txt");
        File.WriteAllText(data, string.Concat(Enumerable.Repeat(Text, 4)));
        var pretrain = new TinyPretrainOptions([data], Steps: 8, BatchSize: 2, SequenceLength: 32);

        TinyModelFactory.Create(Path.Combine(folder.Path, "a"), Shape, pretrain);
        TinyModelFactory.Create(Path.Combine(folder.Path, "b"), Shape, pretrain);

        Assert.Equal(File.ReadAllBytes(Path.Combine(folder.Path, "a", "model.safetensors")), File.ReadAllBytes(Path.Combine(folder.Path, "b", "model.safetensors")));
    }

    [Fact]
    public void Unusable_pretraining_text_is_reported_before_anything_is_written()
    {
        var target = Path.Combine(folder.Path, "never");
        var empty = Path.Combine(folder.Path, "empty");
        Directory.CreateDirectory(empty);
        var tiny = Path.Combine(folder.Path, "tiny.txt");
        File.WriteAllText(tiny, "too short");

        var missing = Assert.Throws<DatasetException>(() => TinyModelFactory.Create(target, Shape, new TinyPretrainOptions([Path.Combine(folder.Path, "nope.txt")], 5)));
        Assert.Contains("nope.txt' does not exist", missing.Message, StringComparison.Ordinal);
        var noFiles = Assert.Throws<DatasetException>(() => TinyModelFactory.Create(target, Shape, new TinyPretrainOptions([empty], 5)));
        Assert.Contains("has no .md or .txt files", noFiles.Message, StringComparison.Ordinal);
        var tooShort = Assert.Throws<DatasetException>(() => TinyModelFactory.Create(target, Shape, new TinyPretrainOptions([tiny], 5)));
        Assert.Contains("fewer than one training sequence", tooShort.Message, StringComparison.Ordinal);
        var noSteps = Assert.Throws<ArgumentException>(() => TinyModelFactory.Create(target, Shape, new TinyPretrainOptions([tiny], 0)));
        Assert.Contains("steps must be positive", noSteps.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(target));
    }

    /// <summary>Byte tokens of the packed text: every byte plus one end-of-text between the two documents.</summary>
    private static long TokenCount(int bytes) => bytes + 1;

    private sealed class ListProgress(List<TinyPretrainProgress> steps) : IProgress<TinyPretrainProgress>
    {
        public void Report(TinyPretrainProgress value) => steps.Add(value);
    }
}
