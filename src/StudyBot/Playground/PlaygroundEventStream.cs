using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace StudyBot.Playground;

/// <summary>GET /api/events: server-sent events for the page (message, message_deleted, channel, commands, bot), resuming
/// after <c>?after=</c> or the browser's <c>Last-Event-ID</c> so a reconnect loses nothing.</summary>
internal sealed class PlaygroundEventStream(PlaygroundApi api)
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public async Task HandleAsync(HttpContext ctx)
    {
        // End the stream when the host stops, or shutdown would wait for the page to hang up.
        var stopping = ctx.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, stopping);
        var ct = linked.Token;
        var after = ParseSequence(ctx.Request.Headers["Last-Event-ID"]) ?? ParseSequence(ctx.Request.Query["after"]) ?? 0;
        ctx.Response.ContentType = "text/event-stream";
        ctx.Response.Headers.CacheControl = "no-cache";
        // Retry quickly after a drop; the browser then sends Last-Event-ID.
        await ctx.Response.WriteAsync("retry: 1000\n\n", ct);
        await ctx.Response.Body.FlushAsync(ct);
        try
        {
            while (!ct.IsCancellationRequested)
            {
                var events = await api.Fake.WaitForEventsAsync(after, KeepAlive, ct);
                if (events.Count == 0)
                {
                    await ctx.Response.WriteAsync(": keep-alive\n\n", ct);
                }
                foreach (var e in events)
                {
                    after = e.Sequence;
                    var seq = e.Sequence.ToString(CultureInfo.InvariantCulture);
                    if (api.Translate(e) is { } translated)
                    {
                        await ctx.Response.WriteAsync($"id: {seq}\nevent: {translated.Name}\ndata: {translated.Data.ToJsonString()}\n\n", ct);
                    }
                    else
                    {
                        // Still move the browser's Last-Event-ID on, so a reconnect does not replay skipped events.
                        await ctx.Response.WriteAsync($"id: {seq}\n: skipped\n\n", ct);
                    }
                }
                await ctx.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page went away.
        }
    }

    private static long? ParseSequence(string? text) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seq) ? seq : null;
}
