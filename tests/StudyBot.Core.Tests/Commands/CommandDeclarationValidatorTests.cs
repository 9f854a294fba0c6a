using StudyBot.Core.Commands;
using StudyBot.Core.Commands.Handlers;

namespace StudyBot.Core.Tests.Commands;

public sealed class CommandDeclarationValidatorTests
{
    public static TheoryData<string> RealDeclarations() => ["paper", "queue", "club"];

    [Fact]
    public void Every_real_command_declaration_is_valid()
    {
        var declarations = new[] { PaperCommandDeclaration.Create(), QueueCommandDeclaration.Create(), ClubCommandDeclaration.Create() };

        var errors = CommandDeclarationValidator.Validate(declarations);

        Assert.Empty(errors);
        Assert.Equal(["paper", "queue", "club"], declarations.Select(d => d.Name));
    }

    [Theory]
    [InlineData("Queue")]
    [InlineData("has space")]
    [InlineData("")]
    [InlineData("a-name-that-is-far-longer-than-thirty-two")]
    public void Bad_names_are_rejected(string name)
    {
        var errors = CommandDeclarationValidator.Validate(new CommandDeclaration(name, "ok", []));

        Assert.Contains(errors, e => e.Contains("name", StringComparison.Ordinal));
    }

    [Fact]
    public void Description_over_100_characters_is_rejected()
    {
        var errors = CommandDeclarationValidator.Validate(new CommandDeclaration("x", new string('d', 101), []));

        Assert.Contains(errors, e => e.Contains("description", StringComparison.Ordinal));
    }

    [Fact]
    public void Required_option_after_optional_is_rejected()
    {
        var declaration = new CommandDeclaration("x", "ok", [
            new("a", "a", CommandOptionType.String),
            new("b", "b", CommandOptionType.String, Required: true),
        ]);

        Assert.Contains(CommandDeclarationValidator.Validate(declaration), e => e.Contains("required option after", StringComparison.Ordinal));
    }

    [Fact]
    public void Autocomplete_with_choices_is_rejected()
    {
        var declaration = new CommandDeclaration("x", "ok", [
            new("a", "a", CommandOptionType.String, Choices: [new CommandChoice("one", "1")], Autocomplete: true),
        ]);

        Assert.Contains(CommandDeclarationValidator.Validate(declaration), e => e.Contains("autocomplete", StringComparison.Ordinal));
    }

    [Fact]
    public void More_than_25_options_are_rejected()
    {
        var options = Enumerable.Range(0, 26).Select(i => new CommandOptionDeclaration($"o{i}", "o", CommandOptionType.String)).ToList();

        Assert.Contains(CommandDeclarationValidator.Validate(new CommandDeclaration("x", "ok", options)), e => e.Contains("26 options", StringComparison.Ordinal));
    }

    [Fact]
    public void Choice_value_of_the_wrong_type_is_rejected()
    {
        var declaration = new CommandDeclaration("x", "ok", [
            new("a", "a", CommandOptionType.Integer, Choices: [new CommandChoice("one", "1")]),
        ]);

        Assert.NotEmpty(CommandDeclarationValidator.Validate(declaration));
    }
}
