using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Unit;

public sealed class InteractionRouterTests
{
    private sealed class RecordingResponder : IInitialResponder
    {
        public List<InteractionCallback> Sent { get; } = [];

        public Task SendAsync(Interaction interaction, InteractionCallback callback, CancellationToken cancellationToken)
        {
            Sent.Add(callback);
            return Task.CompletedTask;
        }
    }

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("no REST in router tests");
    }

    private readonly RecordingResponder responder = new();
    private readonly List<string> hits = [];

    private InteractionContext Context(string json)
    {
        var options = new OptionsMonitorStub(new DiscordOptions { Token = "t", ApplicationId = 1 });
        var rest = new DiscordRestClient(new NoHttp(), options, new DiscordRateLimiter(TimeProvider.System), TimeProvider.System, NullLogger<DiscordRestClient>.Instance);
        var now = DateTimeOffset.UtcNow;
        return new InteractionContext(InteractionParser.Parse(Payloads.Json(json)), now, rest, responder, TimeProvider.System, NullLogger.Instance);
    }

    private InteractionRouter Router() => new InteractionRouter()
        .MapCommand("club", Hit("club"))
        .MapCommand("club schedule set", Hit("club schedule set"))
        .MapComponent("rsvp:", Hit("rsvp"))
        .MapComponent("rsvp:yes", Hit("rsvp yes"))
        .MapModal("note:", Hit("note"));

    private InteractionHandlerDelegate Hit(string name) => (context, _) =>
    {
        hits.Add(name);
        return Task.CompletedTask;
    };

    [Fact]
    public async Task Command_routes_to_its_full_subcommand_name()
    {
        await Router().HandleAsync(Context(Payloads.SlashCommandWithSubcommandGroup), CancellationToken.None);

        Assert.Equal(["club schedule set"], hits);
    }

    [Fact]
    public async Task Component_routes_to_the_longest_matching_prefix()
    {
        await Router().HandleAsync(Context(Payloads.ButtonClick), CancellationToken.None);

        Assert.Equal(["rsvp yes"], hits);
    }

    [Fact]
    public async Task Modal_routes_by_custom_id_prefix()
    {
        await Router().HandleAsync(Context(Payloads.ModalSubmitLabels), CancellationToken.None);

        Assert.Equal(["note"], hits);
    }

    [Fact]
    public async Task Unknown_command_gets_an_ephemeral_answer()
    {
        await new InteractionRouter().HandleAsync(Context(Payloads.SlashCommandWithSubcommandGroup), CancellationToken.None);

        var callback = Assert.Single(responder.Sent);
        Assert.Equal(InteractionCallbackType.ChannelMessageWithSource, callback.Type);
        Assert.Equal(MessageFlags.Ephemeral, callback.Data!.Flags);
        Assert.Contains("/club schedule set", callback.Data.Content, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unrouted_autocomplete_gets_an_empty_list()
    {
        await new InteractionRouter().HandleAsync(Context(Payloads.AutocompleteInDm), CancellationToken.None);

        var callback = Assert.Single(responder.Sent);
        Assert.Equal(InteractionCallbackType.ApplicationCommandAutocompleteResult, callback.Type);
        Assert.Empty(callback.Data!.Choices!);
    }

    private sealed class OptionsMonitorStub(DiscordOptions value) : IOptionsMonitor<DiscordOptions>
    {
        public DiscordOptions CurrentValue => value;

        public DiscordOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<DiscordOptions, string?> listener) => null;
    }
}
