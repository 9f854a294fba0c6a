using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Discord.Http;
using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Unit;

public sealed class InlineInitialResponderTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    private readonly FakeTimeProvider time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private static readonly Interaction Ping = InteractionParser.Parse(Payloads.Json(
        """{"id":"10","application_id":"1","type":2,"token":"tok","channel_id":"5","guild_id":"6","member":{"user":{"id":"7","username":"ada"}},"data":{"id":"9","name":"ping","type":1}}"""));

    private static readonly InteractionCallback Answer = new(InteractionCallbackType.ChannelMessageWithSource, InteractionCallbackData.FromMessage(InteractionReply.Text("pong").ToMessage()));

    private InlineInitialResponder Responder()
    {
        var options = new OptionsMonitorStub(new DiscordOptions { Token = "t", ApplicationId = 1 });
        var rest = new DiscordRestClient(new NoHttp(), options, new DiscordRateLimiter(time), time, NullLogger<DiscordRestClient>.Instance);
        return new InlineInitialResponder(rest, time);
    }

    [Fact]
    public async Task An_inline_answer_the_endpoint_never_reports_written_fails_after_the_write_timeout_instead_of_hanging()
    {
        var responder = Responder();

        var send = responder.SendAsync(Ping, Answer, CancellationToken.None);
        Assert.Same(Answer, await responder.Response.WaitAsync(Long));
        Assert.False(send.IsCompleted);

        time.Advance(InlineInitialResponder.WriteTimeout);
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => send.WaitAsync(Long));
        Assert.IsType<TimeoutException>(error.InnerException);
    }

    [Fact]
    public async Task An_inline_answer_is_released_when_the_request_ends_without_writing_it()
    {
        var responder = Responder();

        var send = responder.SendAsync(Ping, Answer, CancellationToken.None);
        await responder.Response.WaitAsync(Long);
        responder.Finished();

        await Assert.ThrowsAsync<HttpRequestException>(() => send.WaitAsync(Long));
    }

    [Fact]
    public async Task A_written_inline_answer_completes_and_finishing_the_request_afterwards_changes_nothing()
    {
        var responder = Responder();

        var send = responder.SendAsync(Ping, Answer, CancellationToken.None);
        await responder.Response.WaitAsync(Long);
        responder.Written();
        responder.Finished();

        await send.WaitAsync(Long);
    }

    private sealed class NoHttp : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => throw new InvalidOperationException("no REST in these tests");
    }

    private sealed class OptionsMonitorStub(DiscordOptions value) : IOptionsMonitor<DiscordOptions>
    {
        public DiscordOptions CurrentValue => value;

        public DiscordOptions Get(string? name) => value;

        public IDisposable? OnChange(Action<DiscordOptions, string?> listener) => null;
    }
}
