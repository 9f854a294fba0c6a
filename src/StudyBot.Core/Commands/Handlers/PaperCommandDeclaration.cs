namespace StudyBot.Core.Commands.Handlers;

/// <summary>The /paper command's declaration.</summary>
public static class PaperCommandDeclaration
{
    public static CommandDeclaration Create() => new(
        "paper",
        "Read about the papers in the club's library",
        [
            new("info", "Summary, authors and links of a paper", CommandOptionType.SubCommand, Options: [Paper(required: true)]),
            new("questions", "Discussion questions for a paper", CommandOptionType.SubCommand, Options: [Paper(required: true)]),
            new("path", "A reading order that puts prerequisites first", CommandOptionType.SubCommand, Options: [Paper(required: false, "Only what this paper needs (default: the whole library)")]),
            new(
                "search",
                "Find library papers by title, author, tag or id",
                CommandOptionType.SubCommand,
                Options: [new("query", "Words to look for", CommandOptionType.String, Required: true, MinLength: 1, MaxLength: 100)]),
        ]);

    private static CommandOptionDeclaration Paper(bool required, string description = "Library slug, id or title") =>
        new("paper", description, CommandOptionType.String, Required: required, Autocomplete: true, MinLength: 1, MaxLength: 200);
}
