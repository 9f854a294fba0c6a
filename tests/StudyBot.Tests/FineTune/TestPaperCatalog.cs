using StudyBot.Core.Papers;

namespace StudyBot.Tests.FineTune;

/// <summary>A library with one note, for the paper-dataset path of /finetune start.</summary>
internal sealed class TestPaperCatalog : IPaperCatalog
{
    public static readonly PaperNote Lora = new(
        "2106.09685", "lora", "LoRA: Low-Rank Adaptation", ["Hu"], 2021, "https://arxiv.org/abs/2106.09685", ["fine-tuning"],
        PaperDifficulty.Intermediate, [], 30, "## Summary\nLoRA freezes the weights and learns a low-rank update B·A.\n", "papers/lora.md");

    public IReadOnlyList<PaperNote> All { get; } = [Lora];

    public PaperNote? Find(string slugOrId) =>
        string.Equals(slugOrId, Lora.Slug, StringComparison.OrdinalIgnoreCase) || slugOrId == Lora.Id ? Lora : null;

    public IReadOnlyList<PaperNote> Search(string query, int limit) =>
        Lora.Title.Contains(query, StringComparison.OrdinalIgnoreCase) ? [Lora] : [];

    public IReadOnlyList<PaperNote> ReadingPath(string? targetSlug = null) => [Lora];
}
