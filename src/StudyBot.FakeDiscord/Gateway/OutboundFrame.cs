namespace StudyBot.FakeDiscord.Gateway;

/// <summary>Something the connection's writer loop must do, in order: send text, close with a code, or abort.</summary>
internal sealed record OutboundFrame(string? Text, int? CloseCode = null, string? CloseReason = null, bool Abort = false);
