using Microsoft.Extensions.DependencyInjection;
using StudyBot.Discord.Rest;
using StudyBot.Discord.Tests.Support;

namespace StudyBot.Discord.Tests.Loopback;

[Collection("Loopback")]
public sealed class RestClientTests
{
    private static readonly TimeSpan Long = TimeSpan.FromSeconds(30);
    [Fact]
    public async Task A_429_storm_within_the_retry_cap_is_waited_out()
    {
        await using var bot = await BotHarness.StartAsync(mode: DiscordMode.Http);
        var rest = bot.Host.Services.GetRequiredService<DiscordRestClient>();
        bot.Server.InjectRateLimit("POST /channels/.*/messages", 3, TimeSpan.FromMilliseconds(300));

        var message = await rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest { Content = "after the storm" }, CancellationToken.None);

        Assert.Equal("after the storm", message.Content);
        Assert.Equal(3, bot.Server.Counters.RateLimitedResponses);
        Assert.Single(bot.Server.GetMessages(bot.Channel.Id));
    }

    [Fact]
    public async Task A_429_storm_beyond_the_retry_cap_throws_after_exactly_cap_plus_one_attempts()
    {
        await using var bot = await BotHarness.StartAsync(mode: DiscordMode.Http);
        var rest = bot.Host.Services.GetRequiredService<DiscordRestClient>();
        bot.Server.InjectRateLimit("POST /channels/.*/messages", 10, TimeSpan.FromMilliseconds(200));

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest { Content = "x" }, CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(4, bot.Server.Counters.RateLimitedResponses);
    }

    [Fact]
    public async Task A_429_asking_for_a_wait_over_MaxRetryAfter_fails_at_once_and_the_limiter_keeps_only_MaxRetryAfter_of_it()
    {
        await using var bot = await BotHarness.StartAsync(mode: DiscordMode.Http, settings: new Dictionary<string, string?> { ["Discord:MaxRetryAfter"] = "00:00:02" });
        var rest = bot.Host.Services.GetRequiredService<DiscordRestClient>();
        bot.Server.InjectRateLimit("POST /channels/.*/messages", 2, TimeSpan.FromHours(1));

        var error = await Assert.ThrowsAsync<DiscordApiException>(() =>
            rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest { Content = "x" }, CancellationToken.None).WaitAsync(Long));

        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, error.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), error.RetryAfter);
        Assert.Equal(1, bot.Server.Counters.RateLimitedResponses);
        Assert.Contains(bot.Logs.Lines, line => line.Contains("over Discord:MaxRetryAfter (2 s): failing now", StringComparison.Ordinal));

        // The limiter keeps no more than Discord:MaxRetryAfter of the hour (a wrong answer must not shut the route for
        // long): the next message sits that out, asks Discord again, and fails on Discord's fresh answer.
        var again = await Assert.ThrowsAsync<DiscordApiException>(() =>
            rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest { Content = "y" }, CancellationToken.None).WaitAsync(Long));
        Assert.Equal(System.Net.HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.Equal(TimeSpan.FromHours(1), again.RetryAfter);
        Assert.Equal(2, bot.Server.Counters.RateLimitedResponses);
        Assert.Empty(bot.Server.GetMessages(bot.Channel.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_garbage_retry_after_is_logged_and_taken_as_one_second_so_the_route_is_not_locked(bool global)
    {
        await using var bot = await BotHarness.StartAsync(
            mode: DiscordMode.Http,
            configure: services => services.AddHttpClient(DiscordRestClient.HttpClientName).AddHttpMessageHandler(() => new AbsurdRetryAfter(global)));
        var rest = bot.Host.Services.GetRequiredService<DiscordRestClient>();

        // The 1e300 s 429 neither overflows nor locks the route (or, global, every route) for hours: the request is
        // retried after the 1 s fallback and goes through, and so does the next one.
        await rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest { Content = "after the garbage 429" }, CancellationToken.None).WaitAsync(Long);
        await rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest { Content = "and the next" }, CancellationToken.None).WaitAsync(Long);

        Assert.Contains(bot.Server.GetMessages(bot.Channel.Id), m => m.Content == "after the garbage 429");
        Assert.Contains(bot.Server.GetMessages(bot.Channel.Id), m => m.Content == "and the next");
        Assert.Contains(bot.Logs.Lines, line => line.Contains("Discord sent retry_after = 1E+300 s", StringComparison.Ordinal) && line.Contains("taken as 1 s", StringComparison.Ordinal));
        Assert.Contains(bot.Logs.Lines, line => line.Contains("Discord sent X-RateLimit-Reset-After = 1E+300 s", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_interaction_is_answered_in_time_while_a_global_429_holds_the_other_routes()
    {
        await using var bot = await BotHarness.StartAsync();
        await bot.WaitReadyAsync();
        var rest = bot.Host.Services.GetRequiredService<DiscordRestClient>();
        bot.Server.InjectRateLimit("POST /channels/.*/messages", 1, TimeSpan.FromSeconds(25), global: true);
        using var giveUp = new CancellationTokenSource();
        var held = rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest { Content = "after the global limit" }, giveUp.Token);
        await Eventually.TrueAsync(() => bot.Server.Counters.RateLimitedResponses == 1, Long, "the global 429");

        var ping = await bot.SlashAsync("ping");

        // The fake completes Callback only for an accepted callback (one past Discord's 3 s would get 10062), and the
        // handler's own answer reaches the member (as the reply, or as the edit of an automatic defer) while the
        // channel message is still held back by the global 429.
        await ping.WaitForCallbackAsync(Long);
        var answer = await ping.WaitForOriginalResponseAsync(m => m.Content == "pong", Long);
        Assert.Equal("pong", answer.Content);
        Assert.False(held.IsCompleted);
        Assert.Equal(1, bot.Server.Counters.RateLimitedResponses);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => held);
        Assert.DoesNotContain(bot.Server.GetMessages(bot.Channel.Id), m => m.Content == "after the global limit");
    }

    [Fact]
    public async Task Global_429_is_honoured()
    {
        await using var bot = await BotHarness.StartAsync(mode: DiscordMode.Http);
        var rest = bot.Host.Services.GetRequiredService<DiscordRestClient>();
        bot.Server.InjectRateLimit("POST /channels/.*/messages", 1, TimeSpan.FromMilliseconds(500), global: true);
        var started = DateTime.UtcNow;

        await rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest { Content = "x" }, CancellationToken.None);

        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromMilliseconds(450));
    }

    [Fact]
    public async Task Invalid_message_is_not_retried_and_carries_discords_error_code()
    {
        await using var bot = await BotHarness.StartAsync(mode: DiscordMode.Http);
        var rest = bot.Host.Services.GetRequiredService<DiscordRestClient>();
        var before = bot.Server.Counters.RestRequests;

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest { Content = new string('x', 2001) }, CancellationToken.None));

        Assert.Equal(DiscordErrorCodes.InvalidFormBody, error.Code);
        Assert.Equal(before + 1, bot.Server.Counters.RestRequests);
    }

    [Fact]
    public async Task Files_are_uploaded_as_multipart_with_attachment_references()
    {
        await using var bot = await BotHarness.StartAsync(mode: DiscordMode.Http);
        var rest = bot.Host.Services.GetRequiredService<DiscordRestClient>();
        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 1, 2, 3 };

        var message = await rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest
        {
            Content = "loss curve",
            Embeds = [new Embed { Title = "Run 7", Image = new EmbedMedia("attachment://loss.png") }],
            Files = [new FileUpload("loss.png", png, "image/png", "Training loss")],
        }, CancellationToken.None);

        var attachment = Assert.Single(message.Attachments!);
        Assert.Equal("loss.png", attachment.Filename);
        var stored = bot.Server.GetAttachment(attachment.Id);
        Assert.NotNull(stored);
        Assert.Equal(png, stored.Content.ToArray());
    }

    [Fact]
    public async Task Bad_token_is_a_401_api_error_without_the_token_in_its_message()
    {
        await using var bot = await BotHarness.StartAsync(mode: DiscordMode.Http);
        var rest = bot.Host.Services.GetRequiredService<DiscordRestClient>();
        bot.Host.Services.GetRequiredService<Microsoft.Extensions.Options.IOptionsMonitor<DiscordOptions>>().CurrentValue.Token = "MTIz.wrong.token-value";

        var error = await Assert.ThrowsAsync<DiscordApiException>(() => rest.GetGatewayBotAsync(CancellationToken.None));

        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, error.StatusCode);
        Assert.DoesNotContain("wrong.token", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bucket_headers_make_the_client_wait_for_the_reset_instead_of_meeting_429s()
    {
        await using var bot = await BotHarness.StartAsync(mode: DiscordMode.Http);
        var rest = bot.Host.Services.GetRequiredService<DiscordRestClient>();

        // FakeDiscord allows 5 channel messages per 2 s; the first response teaches the client the bucket.
        await rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest { Content = "first" }, CancellationToken.None);
        for (var i = 0; i < 6; i++)
        {
            await rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest { Content = $"sequential {i}" }, CancellationToken.None);
        }

        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest { Content = $"concurrent {i}" }, CancellationToken.None)));

        Assert.Equal(15, bot.Server.GetMessages(bot.Channel.Id).Count);
        Assert.Equal(0, bot.Server.Counters.RateLimitedResponses);
    }

    [Fact]
    public async Task A_burst_on_a_channel_never_written_to_waits_for_the_first_answer_instead_of_meeting_429s()
    {
        await using var bot = await BotHarness.StartAsync(mode: DiscordMode.Http);
        var rest = bot.Host.Services.GetRequiredService<DiscordRestClient>();

        // FakeDiscord allows 5 channel messages per 2 s; nothing is known of the bucket before the burst.
        await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            rest.CreateMessageAsync(bot.Channel.Id, new MessageRequest { Content = $"burst {i}" }, CancellationToken.None)));

        Assert.Equal(8, bot.Server.GetMessages(bot.Channel.Id).Count);
        Assert.Equal(0, bot.Server.Counters.RateLimitedResponses);
    }

    /// <summary>Answers the first channel message with a 429 whose retry_after (body and header) is 1e300 seconds.</summary>
    private sealed class AbsurdRetryAfter(bool global) : DelegatingHandler
    {
        private int answered;

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (request.Method != HttpMethod.Post || !request.RequestUri!.AbsolutePath.EndsWith("/messages", StringComparison.Ordinal) || Interlocked.Exchange(ref answered, 1) == 1)
            {
                return await base.SendAsync(request, cancellationToken);
            }

            var response = new HttpResponseMessage(System.Net.HttpStatusCode.TooManyRequests)
            {
                RequestMessage = request,
                Content = new StringContent("""{"message":"You are being rate limited.","retry_after":1e300,"global":false}""".Replace("false", global ? "true" : "false", StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json"),
            };
            if (global)
            {
                response.Headers.TryAddWithoutValidation("X-RateLimit-Global", "true");
                response.Headers.TryAddWithoutValidation("X-RateLimit-Scope", "global");
            }

            response.Headers.TryAddWithoutValidation("X-RateLimit-Reset-After", "1e300");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Bucket", "absurd");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Limit", "5");
            response.Headers.TryAddWithoutValidation("X-RateLimit-Remaining", "0");
            return response;
        }
    }
}
