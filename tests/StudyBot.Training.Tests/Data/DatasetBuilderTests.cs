using StudyBot.Training.Data;
using StudyBot.Training.Tokenization;

namespace StudyBot.Training.Tests.Data;

public sealed class DatasetBuilderTests
{
    private static readonly ByteTokenizer Bytes = new();

    private static RawDataset Texts(params string[] texts) =>
        new("t.jsonl", DatasetFormat.JsonlText, 0, texts.Select((t, i) => DatasetRecord.ForText(i + 1, t)).ToList());

    private static RawDataset Pairs(params (string Prompt, string Completion)[] pairs) =>
        new("p.jsonl", DatasetFormat.JsonlPromptCompletion, 0, pairs.Select((p, i) => DatasetRecord.ForPromptCompletion(i + 1, p.Prompt, p.Completion)).ToList());

    [Fact]
    public void Text_is_packed_with_end_of_text_between_documents_and_labels_shifted_by_one()
    {
        var dataset = DatasetBuilder.Build(Texts("abcdef", "ghijkl"), Bytes, new DatasetBuildOptions(4, ValidationFraction: 0));

        // Stream: a b c d e f <eos> g h i j k l (13 tokens) → (13 - 1) / 4 = 3 windows overlapping by one token.
        var all = dataset.Train.Concat(dataset.Validation).OrderBy(e => e.InputIds[0]).ToList();
        Assert.Equal(3, all.Count);
        Assert.Equal(13, dataset.TotalTokens);
        Assert.Equal("abcd"u8.ToArray().Select(b => (int)b), all[0].InputIds);
        Assert.Equal("bcde"u8.ToArray().Select(b => (int)b), all[0].Labels);
        Assert.Equal(new[] { 'e', 'f' }.Select(c => (int)c).Append(ByteTokenizer.EndOfText).Append('g'), all[1].InputIds);
        Assert.Single(dataset.Validation);
    }

    [Fact]
    public void Prompt_tokens_and_padding_are_masked_so_loss_falls_on_the_completion_only()
    {
        var dataset = DatasetBuilder.Build(Pairs(("Q:", "ab"), ("Q:", "cd")), Bytes, new DatasetBuildOptions(8));
        var example = dataset.Train.Concat(dataset.Validation).First(e => e.InputIds.Contains('a'));

        // ids = Q : a b <eos>; position t predicts ids[t + 1].
        Assert.Equal(new[] { 'Q', ':', 'a', 'b', ByteTokenizer.EndOfText, ByteTokenizer.EndOfText, ByteTokenizer.EndOfText, ByteTokenizer.EndOfText }, example.InputIds);
        Assert.Equal(new[] { -100, 'a', 'b', ByteTokenizer.EndOfText, -100, -100, -100, -100 }, example.Labels);
        Assert.Equal(3, example.LabelCount);
    }

    [Fact]
    public void An_empty_prompt_starts_from_end_of_text_so_the_first_completion_token_is_a_target()
    {
        var dataset = DatasetBuilder.Build(Pairs(("", "ab"), ("", "cd")), Bytes, new DatasetBuildOptions(8));
        var example = dataset.Train.Concat(dataset.Validation).First(e => e.InputIds.Contains('a'));

        // ids = <eos> a b <eos>, as generation starts an empty prompt; 'a' is predicted from end-of-text.
        Assert.Equal(new[] { ByteTokenizer.EndOfText, 'a', 'b', ByteTokenizer.EndOfText, ByteTokenizer.EndOfText, ByteTokenizer.EndOfText, ByteTokenizer.EndOfText, ByteTokenizer.EndOfText }, example.InputIds);
        Assert.Equal(new[] { 'a', 'b', ByteTokenizer.EndOfText, -100, -100, -100, -100, -100 }, example.Labels);
        Assert.Equal(3, example.LabelCount);
    }

    [Fact]
    public void Too_long_examples_are_truncated_and_counted()
    {
        var dataset = DatasetBuilder.Build(Pairs(("P", "a long completion"), ("P", "x")), Bytes, new DatasetBuildOptions(6));
        Assert.Equal(1, dataset.TruncatedExamples);
        Assert.All(dataset.Train.Concat(dataset.Validation), e => Assert.Equal(6, e.InputIds.Length));
    }

    [Fact]
    public void Prompt_filling_the_whole_sequence_is_rejected_with_its_line()
    {
        var error = Assert.Throws<DatasetException>(() =>
            DatasetBuilder.Build(Pairs(("ok", "a"), ("a prompt far too long", "b")), Bytes, new DatasetBuildOptions(8)));
        Assert.Contains("line 2: the prompt is 21 tokens", error.Message);
    }

    [Fact]
    public void Fewer_tokens_than_one_sequence_is_rejected()
    {
        var error = Assert.Throws<DatasetException>(() => DatasetBuilder.Build(Texts("short"), Bytes, new DatasetBuildOptions(16)));
        Assert.Contains("has 5 tokens, fewer than one training sequence needs (17", error.Message);
    }

    [Fact]
    public void A_single_sequence_is_rejected_because_validation_needs_one()
    {
        var error = Assert.Throws<DatasetException>(() => DatasetBuilder.Build(Texts("0123456789"), Bytes, new DatasetBuildOptions(8)));
        Assert.Contains("only 1 sequence", error.Message);
    }

    [Fact]
    public void Tokenizer_failures_name_the_line()
    {
        var error = Assert.Throws<DatasetException>(() =>
            DatasetBuilder.Build(Texts("fine text", "has ☃ snowman"), new AsciiOnlyTokenizer(), new DatasetBuildOptions(4)));
        Assert.Contains("line 2: the model's tokenizer cannot encode this text", error.Message);
    }

    [Fact]
    public void Split_is_deterministic_for_a_split_seed_and_always_holds_out_one_sequence()
    {
        var text = Texts(string.Concat(Enumerable.Range(0, 400).Select(i => (char)('a' + (i % 26)))));
        var first = DatasetBuilder.Build(text, Bytes, new DatasetBuildOptions(8, 0.2, SplitSeed: 1));
        var again = DatasetBuilder.Build(text, Bytes, new DatasetBuildOptions(8, 0.2, SplitSeed: 1));
        var other = DatasetBuilder.Build(text, Bytes, new DatasetBuildOptions(8, 0.2, SplitSeed: 2));
        var none = DatasetBuilder.Build(text, Bytes, new DatasetBuildOptions(8, 0.0, SplitSeed: 1));

        Assert.Equal(49, first.Train.Count + first.Validation.Count);
        Assert.Equal(10, first.Validation.Count);
        Assert.Equal(first.Validation.Select(Key), again.Validation.Select(Key));
        Assert.NotEqual(first.Validation.Select(Key), other.Validation.Select(Key));
        Assert.Single(none.Validation);
    }

    private static string Key(TrainingExample example) => string.Join(",", example.InputIds);

    private sealed class AsciiOnlyTokenizer : ITextTokenizer
    {
        public int VocabSize => 128;

        public int? EndOfTextId => null;

        public IReadOnlyList<int> Encode(string text) =>
            text.All(c => c < 128) ? text.Select(c => (int)c).ToList() : throw new TokenizationException("non-ASCII character");

        public string Decode(IReadOnlyList<int> ids) => new(ids.Select(i => (char)i).ToArray());
    }
}
