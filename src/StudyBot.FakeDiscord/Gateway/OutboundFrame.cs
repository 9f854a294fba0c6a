namespace StudyBot.FakeDiscord.Gateway;

/// <summary>Something the connection's writer loop must do, in order: send text, close with a code, or abort.</summary>
/// <param name="Dispatch">An op 0 event (what <c>GatewayOutboundDelay</c> holds back).</param>
internal sealed record OutboundFrame(string? Text, int? CloseCode = null, string? CloseReason = null, bool Abort = false, bool Dispatch = false);
