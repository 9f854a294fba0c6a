namespace StudyBot.Core.Commands;

/// <summary>
/// Where a sent response lives, so a feature can keep editing it (e.g. a fine-tune run's message). The command
/// layer treats it as opaque: <see cref="Token"/> is the transport's short-lived handle for editing the response
/// (counted from <see cref="CreatedAt"/>), <see cref="MessageId"/> the message's id when the transport knows it.
/// </summary>
public sealed record CommandReply(ulong ChannelId, ulong? MessageId, string? Token, DateTimeOffset CreatedAt);
