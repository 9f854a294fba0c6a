using StudyBot.Discord.Commands;

namespace StudyBot.Discord.Tests.Unit;

public sealed class CommandSetComparerTests
{
    private static readonly ApplicationCommand Declared = new()
    {
        Name = "paper",
        Description = "Papers",
        Options =
        [
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.SubCommand,
                Name = "show",
                Description = "Show a paper",
                Options = [new ApplicationCommandOption { Type = ApplicationCommandOptionType.String, Name = "title", Description = "Title", Required = true, Autocomplete = true }],
            },
            new ApplicationCommandOption
            {
                Type = ApplicationCommandOptionType.SubCommand,
                Name = "level",
                Description = "Pick a level",
                Options = [new ApplicationCommandOption { Type = ApplicationCommandOptionType.Integer, Name = "n", Description = "N", Choices = [ApplicationCommandOptionChoice.Of("one", 1), ApplicationCommandOptionChoice.Of("two", 2)] }],
            },
        ],
    };

    [Fact]
    public void Commands_read_back_with_server_fields_and_explicit_defaults_are_equivalent()
    {
        var fromDiscord = Declared with
        {
            Id = 123,
            Version = 456,
            Type = ApplicationCommandType.ChatInput,
            Nsfw = false,
            Contexts = [0, 1, 2],
            Options = Declared.Options!.Select(o => o with { Required = false, Options = o.Options!.Select(i => i with { Autocomplete = i.Autocomplete ?? false }).ToList() }).ToList(),
        };

        Assert.True(CommandSetComparer.AreEquivalent([Declared], [fromDiscord]));
    }

    [Fact]
    public void A_changed_description_is_a_difference()
    {
        Assert.False(CommandSetComparer.AreEquivalent([Declared], [Declared with { Description = "Papers!" }]));
    }

    [Fact]
    public void A_changed_choice_is_a_difference()
    {
        var changed = Declared with
        {
            Options = [Declared.Options![0], Declared.Options[1] with { Options = [Declared.Options[1].Options![0] with { Choices = [ApplicationCommandOptionChoice.Of("one", 1)] }] }],
        };

        Assert.False(CommandSetComparer.AreEquivalent([Declared], [changed]));
    }

    [Fact]
    public void A_missing_or_extra_command_is_a_difference()
    {
        Assert.False(CommandSetComparer.AreEquivalent([Declared], []));
        Assert.False(CommandSetComparer.AreEquivalent([Declared], [Declared, Declared with { Name = "club" }]));
    }
}
