namespace StudyBot.Core.Papers;

/// <summary>The level-2 headings every note must have, in the order notes are written.</summary>
public static class PaperSection
{
    public const string Summary = "Summary";
    public const string KeyIdeas = "Key ideas";
    public const string WhyItMatters = "Why it matters";
    public const string DiscussionQuestions = "Discussion questions";
    public const string TryIt = "Try it";

    public const int MinimumQuestions = 5;

    public static IReadOnlyList<string> Required { get; } =
        [Summary, KeyIdeas, WhyItMatters, DiscussionQuestions, TryIt];
}
