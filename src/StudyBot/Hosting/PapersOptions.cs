namespace StudyBot.Hosting;

/// <summary>The <c>Papers</c> section: the folder of paper notes (default: <c>./papers</c> or the checkout's).</summary>
public sealed class PapersOptions
{
    public const string SectionName = "Papers";

    public string? Directory { get; set; }
}
