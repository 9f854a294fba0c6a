namespace StudyBot.Core.Papers;

/// <summary>The YAML front matter exactly as written (YamlDotNet target, underscore naming); validated afterwards.</summary>
internal sealed class PaperFrontMatter
{
    public string? Id { get; set; }

    public string? Slug { get; set; }

    public string? Title { get; set; }

    public List<string?>? Authors { get; set; }

    public int? Year { get; set; }

    public string? Url { get; set; }

    public List<string?>? Tags { get; set; }

    public string? Difficulty { get; set; }

    public List<string?>? Prerequisites { get; set; }

    public int? EstimatedMinutes { get; set; }
}
