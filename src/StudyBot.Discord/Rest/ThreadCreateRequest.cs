namespace StudyBot.Discord.Rest;

/// <summary>Body of both thread endpoints. <c>AutoArchiveDuration</c> is minutes: 60, 1440, 4320 or 10080.</summary>
public sealed record ThreadCreateRequest
{
    public required string Name { get; init; }
    public int? AutoArchiveDuration { get; init; }

    /// <summary>Channel type for threads not started from a message: 11 public, 12 private.</summary>
    public int? Type { get; init; }

    /// <summary>The first message, required when the parent is a forum channel.</summary>
    public MessageRequest? Message { get; init; }
}
