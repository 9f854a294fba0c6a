using StudyBot.Discord.Commands;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Unit;

public sealed class InteractionParserTests
{
    [Fact]
    public void Slash_command_with_subcommand_group_is_flattened_with_typed_options()
    {
        var interaction = InteractionParser.Parse(Payloads.Json(Payloads.SlashCommandWithSubcommandGroup));

        Assert.Equal(InteractionType.ApplicationCommand, interaction.Type);
        Assert.Equal(1180000000000000001UL, interaction.Id);
        Assert.Equal(1160000000000000000UL, interaction.GuildId);
        Assert.Equal("ada", interaction.User.Username);
        Assert.NotNull(interaction.Member);
        Assert.Equal(2147483647UL, interaction.Member.Permissions);
        Assert.True(interaction.Member.HasPermission(1UL << 5));
        Assert.Equal(442368UL, interaction.AppPermissions);
        var command = Assert.IsType<CommandData>(interaction.Command);
        Assert.Equal("club schedule set", command.FullName);
        Assert.Equal("thursday", command.GetString("weekday"));
        Assert.Equal(18, command.GetInteger("hour"));
        Assert.Equal(0.5, command.GetNumber("weight"));
        Assert.True(command.GetBoolean("public"));
        Assert.Equal("Ada", command.GetUser("host").GlobalName);
        Assert.Equal("slides.pdf", command.GetAttachment("slides").Filename);
        Assert.Equal(2048, command.GetAttachment("slides").Size);
    }

    [Fact]
    public void Autocomplete_in_a_dm_takes_the_user_and_marks_the_focused_option()
    {
        var interaction = InteractionParser.Parse(Payloads.Json(Payloads.AutocompleteInDm));

        Assert.Equal(InteractionType.ApplicationCommandAutocomplete, interaction.Type);
        Assert.Null(interaction.Member);
        Assert.Null(interaction.GuildId);
        Assert.Equal("grace", interaction.User.Username);
        Assert.Equal("paper show", interaction.Command!.FullName);
        Assert.Equal("title", interaction.Command.FocusedOption!.Name);
        Assert.Equal("atten", interaction.Command.GetString("title"));
    }

    [Fact]
    public void Button_click_carries_custom_id_and_the_message()
    {
        var interaction = InteractionParser.Parse(Payloads.Json(Payloads.ButtonClick));

        Assert.Equal(new ComponentData("rsvp:yes:42", ComponentType.Button, []).CustomId, interaction.Component!.CustomId);
        Assert.Equal(ComponentType.Button, interaction.Component.ComponentType);
        Assert.Empty(interaction.Component.Values);
        Assert.Equal(1190000000000000000UL, interaction.Message!.Id);
    }

    [Fact]
    public void Select_menu_carries_the_chosen_values()
    {
        var interaction = InteractionParser.Parse(Payloads.Json(Payloads.SelectMenu));

        Assert.Equal(["paper-1", "paper-3"], interaction.Component!.Values);
    }

    [Fact]
    public void Modal_submit_in_action_rows_yields_its_inputs()
    {
        var modal = InteractionParser.Parse(Payloads.Json(Payloads.ModalSubmitActionRows)).Modal!;

        Assert.Equal("note:edit", modal.CustomId);
        Assert.Equal("A short summary.", modal.GetValue("summary"));
        Assert.Equal("", modal.GetValue("question"));
    }

    [Fact]
    public void Modal_submit_in_labels_yields_text_and_select_inputs()
    {
        var modal = InteractionParser.Parse(Payloads.Json(Payloads.ModalSubmitLabels)).Modal!;

        Assert.Equal("Labels wrap inputs now.", modal.GetValue("summary"));
        var tags = Assert.Single(modal.Fields, f => f.CustomId == "tags");
        Assert.Equal(ComponentType.StringSelect, tags.Type);
        Assert.Equal(["nlp", "vision"], tags.Values);
    }

    [Theory]
    [InlineData("""{"id":"1","application_id":"2","type":2,"user":{"id":"3","username":"x"},"data":{"id":"4","name":"a"}}""", "no token")]
    [InlineData("""{"id":"1","application_id":"2","type":99,"token":"t","user":{"id":"3","username":"x"}}""", "unknown type 99")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","user":{"id":"3","username":"x"}}""", "no data")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","data":{"id":"4","name":"a"}}""", "neither member.user nor user")]
    [InlineData("""{"id":"1","application_id":"2","type":2,"token":"t","user":{"id":"3","username":"x"},"data":{"id":"4","name":"a","options":"nope"}}""", "wrong type")]
    [InlineData("""{"id":{"oops":1},"type":2}""", "wrong type")]
    [InlineData("""[1,2,3]""", "JSON object")]
    [InlineData("""{"id":"1","application_id":"2","type":3,"token":"t","user":{"id":"3","username":"x"},"data":{"component_type":2}}""", "custom_id")]
    public void Malformed_payloads_are_rejected_with_a_clear_reason(string json, string reason)
    {
        var error = Assert.Throws<InteractionFormatException>(() => InteractionParser.Parse(Payloads.Json(json)));

        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_json_bytes_are_rejected_as_format_errors()
    {
        Assert.Throws<InteractionFormatException>(() => InteractionParser.Parse("{not json"u8));
    }

    [Fact]
    public void Interaction_text_never_shows_the_token()
    {
        var interaction = InteractionParser.Parse(Payloads.Json(Payloads.SlashCommandWithSubcommandGroup));

        Assert.DoesNotContain(interaction.Token, interaction.ToString(), StringComparison.Ordinal);
    }
}
