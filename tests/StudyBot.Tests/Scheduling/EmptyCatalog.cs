using StudyBot.Core.Papers;

namespace StudyBot.Tests.Scheduling;

internal sealed class EmptyCatalog : IPaperCatalog
{
    public IReadOnlyList<PaperNote> All => [];

    public PaperNote? Find(string slugOrId) => null;

    public IReadOnlyList<PaperNote> Search(string query, int limit) => [];

    public IReadOnlyList<PaperNote> ReadingPath(string? targetSlug = null) => [];
}
