using StudyBot.Core.Commands;

namespace StudyBot.Core.Tests.Commands;

public sealed class CommandOptionSetTests
{
    private static readonly CommandAttachment File = new(5, "data.txt", "https://cdn.example/data.txt", 12, "text/plain");

    private readonly CommandOptionSet _options = new([
        new("name", CommandOptionType.String, "lora"),
        new("steps", CommandOptionType.Integer, 200L),
        new("flag", CommandOptionType.Boolean, true),
        new("rate", CommandOptionType.Number, 0.5),
        new("who", CommandOptionType.User, 42UL),
        new("file", CommandOptionType.Attachment, File),
    ]);

    [Fact]
    public void Typed_accessors_return_the_supplied_values()
    {
        Assert.Equal("lora", _options.GetString("name"));
        Assert.Equal(200L, _options.GetInt64("steps"));
        Assert.True(_options.GetBoolean("flag"));
        Assert.Equal(0.5, _options.GetDouble("rate"));
        Assert.Equal(200.0, _options.GetDouble("steps"));
        Assert.Equal(42UL, _options.GetSnowflake("who"));
        Assert.Equal(File, _options.GetAttachment("file"));
    }

    [Fact]
    public void Optional_accessors_return_null_for_missing_options()
    {
        Assert.Null(_options.GetOptionalString("missing"));
        Assert.Null(_options.GetOptionalInt64("missing"));
        Assert.Null(_options.GetOptionalBoolean("missing"));
        Assert.Null(_options.GetOptionalDouble("missing"));
        Assert.Null(_options.GetOptionalAttachment("missing"));
    }

    [Fact]
    public void Missing_required_option_throws_a_member_facing_exception()
    {
        var ex = Assert.Throws<CommandInputException>(() => _options.GetString("missing"));

        Assert.Contains("`missing`", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Wrong_type_throws_a_member_facing_exception_even_for_optional_accessors()
    {
        Assert.Throws<CommandInputException>(() => _options.GetInt64("name"));
        Assert.Throws<CommandInputException>(() => _options.GetOptionalString("steps"));
        Assert.Throws<CommandInputException>(() => _options.GetOptionalAttachment("name"));
    }

    [Fact]
    public void Manage_guild_or_administrator_makes_a_member_admin()
    {
        Assert.True(new CommandMember(1, "a", DiscordPermissions.Administrator).IsAdmin);
        Assert.True(new CommandMember(1, "a", DiscordPermissions.ManageGuild).IsAdmin);
        Assert.False(new CommandMember(1, "a", 1UL << 11).IsAdmin);
    }
}
