using StudyBot.Core.Papers;

namespace StudyBot.Core.Tests.Papers;

public sealed class PaperNoteSectionsTests
{
    private const string Body = """
        ## Summary
        First paragraph.

        Second paragraph with **bold**.

        ## Discussion questions
        1. Why does
           scaling help?
        2. What about `code`?
        3) Third?

        ### A sub-heading stays inside
        Text.

        ## Try it
        Run `/finetune`.
        """;

    [Fact]
    public void A_section_is_its_markdown_up_to_the_next_level_two_heading()
    {
        Assert.Equal("First paragraph.\n\nSecond paragraph with **bold**.", PaperNoteSections.Get(Body, "summary"));
        Assert.Equal("Run `/finetune`.", PaperNoteSections.Get(Body, PaperSection.TryIt));
    }

    [Fact]
    public void A_missing_section_is_null()
    {
        Assert.Null(PaperNoteSections.Get(Body, PaperSection.KeyIdeas));
    }

    [Fact]
    public void Discussion_questions_are_the_numbered_items_on_one_line_each()
    {
        var questions = PaperNoteSections.DiscussionQuestions(Body);

        Assert.Equal(["Why does scaling help?", "What about `code`?"], questions.Take(2));
    }

    [Fact]
    public void Headings_are_listed_in_order()
    {
        Assert.Equal(["Summary", "Discussion questions", "Try it"], PaperNoteSections.Headings(Body));
    }
}
