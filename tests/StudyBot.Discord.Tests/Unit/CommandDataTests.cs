using StudyBot.Discord.Interactions;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Unit;

public sealed class CommandDataTests
{
    private static CommandData Command(string optionsJson) => InteractionParser.Parse(Payloads.Json($$$"""
        {"id":"1","application_id":"2","type":2,"token":"t","user":{"id":"3","username":"x"},
         "data":{"id":"4","name":"paper","options":{{{optionsJson}}}}}
        """)).Command!;

    [Fact]
    public void Missing_required_option_names_the_option()
    {
        var error = Assert.Throws<InteractionOptionException>(() => Command("[]").GetString("title"));

        Assert.Equal("Option 'title' is required.", error.Message);
    }

    [Fact]
    public void Wrongly_typed_option_says_what_was_expected()
    {
        var command = Command("""[{"name":"count","type":4,"value":"many"},{"name":"flag","type":5,"value":3}]""");

        Assert.Equal("Option 'count' must be a whole number.", Assert.Throws<InteractionOptionException>(() => command.GetInteger("count")).Message);
        Assert.Equal("Option 'flag' must be true or false.", Assert.Throws<InteractionOptionException>(() => command.GetBoolean("flag")).Message);
    }

    [Fact]
    public void Optional_accessors_return_null_when_absent()
    {
        var command = Command("[]");

        Assert.Null(command.TryGetString("title"));
        Assert.Null(command.TryGetInteger("count"));
        Assert.Null(command.TryGetAttachment("file"));
        Assert.Equal("paper", command.FullName);
    }

    [Fact]
    public void Partial_integer_typed_as_text_during_autocomplete_still_parses()
    {
        Assert.Equal(12, Command("""[{"name":"week","type":4,"value":"12","focused":true}]""").GetInteger("week"));
    }

    [Fact]
    public void Attachment_missing_from_resolved_data_is_reported()
    {
        var command = Command("""[{"name":"file","type":11,"value":"99"}]""");

        Assert.Contains("attach it again", Assert.Throws<InteractionOptionException>(() => command.GetAttachment("file")).Message, StringComparison.Ordinal);
    }
}
