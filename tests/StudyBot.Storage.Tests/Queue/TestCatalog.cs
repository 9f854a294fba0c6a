using StudyBot.Core.Papers;

namespace StudyBot.Storage.Tests.Queue;

/// <summary>A small hand-made library standing in for the real paper library.</summary>
internal sealed class TestCatalog : IPaperCatalog
{
    public static readonly PaperNote Attention = Note("1706.03762", "attention-is-all-you-need", "Attention Is All You Need");
    public static readonly PaperNote Lora = Note("2106.09685", "lora", "LoRA: Low-Rank Adaptation of Large Language Models");
    public static readonly PaperNote Gpt2 = Note("gpt-2", "gpt-2", "Language Models are Unsupervised Multitask Learners");

    public IReadOnlyList<PaperNote> All { get; } = [Attention, Lora, Gpt2];

    public PaperNote? Find(string slugOrId) =>
        All.FirstOrDefault(n => n.Slug.Equals(slugOrId, StringComparison.OrdinalIgnoreCase) || n.Id.Equals(slugOrId, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<PaperNote> Search(string query, int limit) =>
        All.Where(n => n.Title.Contains(query, StringComparison.OrdinalIgnoreCase)).Take(limit).ToList();

    public IReadOnlyList<PaperNote> ReadingPath(string? targetSlug = null) => All;

    private static PaperNote Note(string id, string slug, string title) =>
        new(id, slug, title, ["Someone"], 2020, $"https://example.org/{slug}", [], PaperDifficulty.Beginner, [], 20, "## Summary\nText.\n", string.Empty);
}
