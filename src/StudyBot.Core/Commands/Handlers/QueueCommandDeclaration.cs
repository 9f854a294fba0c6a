namespace StudyBot.Core.Commands.Handlers;

/// <summary>The /queue command's declaration.</summary>
public static class QueueCommandDeclaration
{
    public static CommandDeclaration Create() => new(
        "queue",
        "The server's reading queue: propose papers and vote for what to read next",
        [
            Sub("add", "Propose a paper: a library slug/id or an arXiv id", Paper("Library slug/id or arXiv id (e.g. 2401.12345)")),
            Sub("list", "Show the reading queue in order"),
            Sub("vote", "Vote for a queued paper (one vote per member per paper)", Paper("The queued paper to vote for")),
            Sub("unvote", "Take back your vote for a queued paper", Paper("The queued paper")),
            Sub("remove", "Remove a paper you proposed (admins: any paper)", Paper("The queued paper to remove")),
            Sub(
                "move",
                "Admin: put a paper at a position (pins it there)",
                Paper("The queued paper to move"),
                new CommandOptionDeclaration("position", "New position, 1 = next to be read", CommandOptionType.Integer, Required: true, MinValue: 1, MaxValue: 1000)),
            Sub("pin", "Admin: pin a paper above the voted ones", Paper("The queued paper to pin")),
            Sub("unpin", "Admin: return a pinned paper to vote order", Paper("The pinned paper")),
        ]);

    private static CommandOptionDeclaration Sub(string name, string description, params CommandOptionDeclaration[] options) =>
        new(name, description, CommandOptionType.SubCommand, Options: options);

    private static CommandOptionDeclaration Paper(string description) =>
        new("paper", description, CommandOptionType.String, Required: true, Autocomplete: true, MinLength: 1, MaxLength: 200);
}
