using StudyBot.Discord.Commands;

namespace StudyBot.Discord.Tests.Support;

/// <summary>A small command set for the loopback tests (knows nothing of papers, like the transport).</summary>
public sealed class TestCommands : IApplicationCommandProvider
{
    public static readonly IReadOnlyList<ApplicationCommand> All =
    [
        new ApplicationCommand { Name = "ping", Description = "Replies pong" },
        new ApplicationCommand { Name = "quick", Description = "Thinks briefly, then replies" },
        new ApplicationCommand { Name = "chain", Description = "Replies, then follows up ephemerally" },
        new ApplicationCommand { Name = "slow", Description = "Takes a while" },
        new ApplicationCommand { Name = "secret", Description = "Slow, answers ephemerally" },
        new ApplicationCommand { Name = "rsvp", Description = "Posts a message with a button" },
        new ApplicationCommand { Name = "form", Description = "Opens a modal" },
        new ApplicationCommand { Name = "later", Description = "Defers and answers when released" },
        new ApplicationCommand
        {
            Name = "find",
            Description = "Search",
            Options = [new ApplicationCommandOption { Type = ApplicationCommandOptionType.String, Name = "term", Description = "Term", Required = true, Autocomplete = true }],
        },
    ];

    public IReadOnlyList<ApplicationCommand> GetCommands() => All;
}
