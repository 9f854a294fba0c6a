namespace StudyBot.FakeDiscord.Rest;

/// <summary>What the limiter says about one request: the headers to send and whether to answer 429.</summary>
internal sealed record RateLimitDecision(
    bool Limited,
    bool Global,
    string Scope,
    TimeSpan RetryAfter,
    int Limit,
    int Remaining,
    DateTimeOffset Reset,
    TimeSpan ResetAfter,
    string? Bucket);
