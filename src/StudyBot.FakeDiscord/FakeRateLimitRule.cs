namespace StudyBot.FakeDiscord;

/// <summary>
/// A per-route bucket: <paramref name="Limit"/> requests per <paramref name="Window"/> for each value of the route's
/// major parameter (channel, guild, webhook, interaction). <paramref name="RouteTemplate"/> is written as the fake maps it,
/// without the <c>/api/v10</c> prefix, e.g. <c>/channels/{channelId}/messages</c>; "*" matches any.
/// </summary>
public sealed record FakeRateLimitRule(string Method, string RouteTemplate, int Limit, TimeSpan Window);
