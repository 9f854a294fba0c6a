namespace StudyBot.Discord.Rest;

/// <summary>The identify budget from <c>GET /gateway/bot</c>; <c>ResetAfter</c> is milliseconds.</summary>
public sealed record SessionStartLimit(int Total, int Remaining, long ResetAfter, int MaxConcurrency);
