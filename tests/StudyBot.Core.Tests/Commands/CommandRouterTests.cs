using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Core.Commands;

namespace StudyBot.Core.Tests.Commands;

public sealed class CommandRouterTests
{
    private readonly ProbeHandler _probe = new();
    private readonly CommandRouter _router;

    public CommandRouterTests() =>
        _router = new CommandRouter([_probe], [new ProbeComponents()], NullLogger<CommandRouter>.Instance);

    [Fact]
    public async Task Known_subcommand_reaches_the_handler_with_typed_options()
    {
        var response = await _router.HandleCommandAsync(Requests.Command("probe echo", null, Requests.Str("text", "hi"), Requests.Int("times", 2)), default);

        Assert.Equal("hi hi", response.Content);
        Assert.False(response.Ephemeral);
    }

    [Fact]
    public async Task Unknown_command_becomes_an_ephemeral_error()
    {
        var response = await _router.HandleCommandAsync(Requests.Command("nope"), default);

        Assert.True(response.Ephemeral);
        Assert.Contains("/nope", response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_subcommand_becomes_an_ephemeral_error()
    {
        var response = await _router.HandleCommandAsync(Requests.Command("probe dance"), default);

        Assert.True(response.Ephemeral);
        Assert.Contains("probe dance", response.Content, StringComparison.Ordinal);
        Assert.Equal(0, _probe.Calls);
    }

    [Fact]
    public async Task Missing_required_option_becomes_an_ephemeral_error_without_calling_the_handler()
    {
        var response = await _router.HandleCommandAsync(Requests.Command("probe echo"), default);

        Assert.True(response.Ephemeral);
        Assert.Contains("`text` is required", response.Content, StringComparison.Ordinal);
        Assert.Equal(0, _probe.Calls);
    }

    [Fact]
    public async Task Option_of_the_wrong_type_becomes_an_ephemeral_error()
    {
        var response = await _router.HandleCommandAsync(Requests.Command("probe echo", null, ("text", CommandOptionType.Integer, 5L)), default);

        Assert.True(response.Ephemeral);
        Assert.Contains("wrong kind", response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Integer_outside_its_range_becomes_an_ephemeral_error()
    {
        var response = await _router.HandleCommandAsync(Requests.Command("probe echo", null, Requests.Str("text", "x"), Requests.Int("times", 99)), default);

        Assert.True(response.Ephemeral);
        Assert.Contains("between 1 and 5", response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Input_exception_from_a_handler_shows_its_message()
    {
        var response = await _router.HandleCommandAsync(Requests.Command("probe fail", null, Requests.Str("how", "input")), default);

        Assert.True(response.Ephemeral);
        Assert.Contains("bad input from probe", response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unexpected_exception_from_a_handler_becomes_a_generic_ephemeral_error()
    {
        var response = await _router.HandleCommandAsync(Requests.Command("probe fail", null, Requests.Str("how", "crash")), default);

        Assert.True(response.Ephemeral);
        Assert.DoesNotContain("secret internals", response.Content, StringComparison.Ordinal);
        Assert.Contains("went wrong", response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Response_breaking_a_discord_limit_becomes_an_ephemeral_error()
    {
        var response = await _router.HandleCommandAsync(Requests.Command("probe fail", null, Requests.Str("how", "huge")), default);

        Assert.True(response.Ephemeral);
        Assert.Contains("too large", response.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Components_are_routed_by_custom_id_prefix()
    {
        var request = new ComponentRequest(Requests.Member(), Requests.Guild, Requests.Channel, 1, "probe:abc", []);

        var response = await _router.HandleComponentAsync(request, default);

        Assert.Equal(CommandResponseKind.UpdateMessage, response.Kind);
        Assert.Equal("clicked abc", response.Content);
    }

    [Fact]
    public async Task Component_with_unknown_prefix_becomes_an_ephemeral_error()
    {
        var response = await _router.HandleComponentAsync(new ComponentRequest(Requests.Member(), Requests.Guild, Requests.Channel, 1, "other:1", []), default);

        Assert.True(response.Ephemeral);
    }

    [Fact]
    public async Task Modal_submits_are_routed_by_custom_id_prefix()
    {
        var request = new ModalSubmitRequest(Requests.Member(), Requests.Guild, Requests.Channel, "probe:form", new Dictionary<string, string> { ["prompt"] = "hello" });

        var response = await _router.HandleModalSubmitAsync(request, default);

        Assert.Equal("submitted hello", response.Content);
    }

    [Fact]
    public async Task Autocomplete_is_capped_at_25_choices()
    {
        var request = new AutocompleteRequest(Requests.Member(), Requests.Guild, Requests.Channel, "probe echo", "text", "a", CommandOptionSet.Empty);

        var choices = await _router.HandleAutocompleteAsync(request, default);

        Assert.Equal(25, choices.Count);
    }

    [Fact]
    public async Task Command_needing_several_permissions_is_refused_for_a_member_holding_only_some_of_them()
    {
        const ulong ManageChannels = 1UL << 4;
        const ulong ManageMessages = 1UL << 13;
        var router = new CommandRouter([new ProbeHandler(permissions: ManageChannels | ManageMessages)], [], NullLogger<CommandRouter>.Instance);

        var partial = await router.HandleCommandAsync(Requests.Command("probe echo", new CommandMember(11, "some", ManageChannels), Requests.Str("text", "x")), default);
        var clubAdmin = await router.HandleCommandAsync(Requests.Command("probe echo", new CommandMember(12, "guild", DiscordPermissions.ManageGuild | ManageMessages), Requests.Str("text", "x")), default);
        var all = await router.HandleCommandAsync(Requests.Command("probe echo", new CommandMember(13, "all", ManageChannels | ManageMessages), Requests.Str("text", "x")), default);
        var administrator = await router.HandleCommandAsync(Requests.Command("probe echo", new CommandMember(14, "root", DiscordPermissions.Administrator), Requests.Str("text", "x")), default);

        Assert.True(partial.Ephemeral);
        Assert.Contains("permission", partial.Content, StringComparison.Ordinal);
        Assert.True(clubAdmin.Ephemeral);
        Assert.Equal("x", all.Content);
        Assert.Equal("x", administrator.Content);
    }

    [Fact]
    public async Task Admin_only_command_is_refused_for_members_without_the_permission()
    {
        var router = new CommandRouter([new ProbeHandler(adminOnly: true)], [], NullLogger<CommandRouter>.Instance);

        var refused = await router.HandleCommandAsync(Requests.Command("probe echo", Requests.Member(admin: false), Requests.Str("text", "x")), default);
        var allowed = await router.HandleCommandAsync(Requests.Command("probe echo", Requests.Member(admin: true), Requests.Str("text", "x")), default);

        Assert.True(refused.Ephemeral);
        Assert.Contains("permission", refused.Content, StringComparison.Ordinal);
        Assert.Equal("x", allowed.Content);
    }

    [Fact]
    public void Invalid_declarations_are_refused_when_the_router_is_built()
    {
        Assert.Throws<InvalidOperationException>(() => new CommandRouter([new ProbeHandler(name: "Bad Name")], [], NullLogger<CommandRouter>.Instance));
    }

    private sealed class ProbeHandler(bool adminOnly = false, string name = "probe", ulong? permissions = null) : ICommandHandler
    {
        public int Calls { get; private set; }

        public CommandDeclaration Declaration { get; } = new(
            name,
            "A probe",
            [
                new("echo", "Echo", CommandOptionType.SubCommand, Options: [
                    new("text", "Text", CommandOptionType.String, Required: true, Autocomplete: true),
                    new("times", "Times", CommandOptionType.Integer, MinValue: 1, MaxValue: 5),
                ]),
                new("fail", "Fail", CommandOptionType.SubCommand, Options: [new("how", "How", CommandOptionType.String, Required: true)]),
            ],
            permissions ?? (adminOnly ? DiscordPermissions.ManageGuild : null));

        public Task<CommandResponse> HandleAsync(CommandRequest request, CancellationToken cancellationToken)
        {
            Calls++;
            return request.Subcommand switch
            {
                "echo" => Task.FromResult(CommandResponse.Text(string.Join(' ', Enumerable.Repeat(request.GetString("text"), (int)(request.GetOptionalInt64("times") ?? 1))))),
                _ => request.GetString("how") switch
                {
                    "input" => throw new CommandInputException("bad input from probe"),
                    "huge" => Task.FromResult(CommandResponse.Text(new string('x', 2001))),
                    _ => throw new InvalidOperationException("secret internals"),
                },
            };
        }

        public Task<IReadOnlyList<CommandChoice>> AutocompleteAsync(AutocompleteRequest request, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CommandChoice>>(Enumerable.Range(0, 40).Select(i => new CommandChoice($"c{i}", $"v{i}")).ToList());
    }

    private sealed class ProbeComponents : IComponentHandler
    {
        public string CustomIdPrefix => "probe:";

        public Task<CommandResponse> HandleComponentAsync(ComponentRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(CommandResponse.Text("clicked " + request.CustomId["probe:".Length..]).AsMessageUpdate());

        public Task<CommandResponse> HandleModalSubmitAsync(ModalSubmitRequest request, CancellationToken cancellationToken) =>
            Task.FromResult(CommandResponse.Text("submitted " + request.Fields["prompt"]));
    }
}
