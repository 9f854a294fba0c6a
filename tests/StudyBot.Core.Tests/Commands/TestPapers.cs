using StudyBot.Core.Papers;

namespace StudyBot.Core.Tests.Commands;

/// <summary>A small hand-made library for handler tests (the real library is tested with the paper notes).</summary>
internal sealed class TestPapers : IPaperCatalog
{
    public static readonly PaperNote Attention = Note("1706.03762", "attention-is-all-you-need", "Attention Is All You Need", 2017, [], "## Summary\nTransformers replace recurrence with attention.\n\n## Discussion questions\n1. Why scale by sqrt(d_k)?\n2. What do heads learn?\n");
    public static readonly PaperNote Lora = Note("2106.09685", "lora", "LoRA: Low-Rank Adaptation of Large Language Models", 2021, ["attention-is-all-you-need"], "## Summary\nTrain low-rank updates.\n");
    public static readonly PaperNote Adam = Note("1412.6980", "adam", "Adam: A Method for Stochastic Optimization", 2014, [], "## Summary\nAdaptive moments.\n");

    public IReadOnlyList<PaperNote> All { get; } = [Attention, Lora, Adam];

    public PaperNote? Find(string slugOrId) =>
        All.FirstOrDefault(n => n.Slug.Equals(slugOrId, StringComparison.OrdinalIgnoreCase) || n.Id.Equals(slugOrId, StringComparison.OrdinalIgnoreCase));

    public IReadOnlyList<PaperNote> Search(string query, int limit) =>
        All.Where(n => n.Title.Contains(query, StringComparison.OrdinalIgnoreCase) || n.Slug.Contains(query, StringComparison.OrdinalIgnoreCase)).Take(limit).ToList();

    public IReadOnlyList<PaperNote> ReadingPath(string? targetSlug = null) =>
        targetSlug == "lora" ? [Attention, Lora] : [Adam, Attention, Lora];

    private static PaperNote Note(string id, string slug, string title, int year, IReadOnlyList<string> prerequisites, string body) =>
        new(id, slug, title, ["A. Author", "B. Author"], year, $"https://arxiv.org/abs/{id}", ["test"], PaperDifficulty.Intermediate, prerequisites, 30, body, string.Empty);
}
