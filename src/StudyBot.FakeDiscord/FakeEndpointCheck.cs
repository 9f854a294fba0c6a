namespace StudyBot.FakeDiscord;

/// <summary>What Discord's portal checks when an interactions endpoint URL is saved: a signed PING must get
/// <c>{"type":1}</c> and a PING with a bad signature must get 401.</summary>
public sealed record FakeEndpointCheck(bool Accepted, int SignedPingStatus, string SignedPingBody, int BadSignatureStatus)
{
    public string Explanation => Accepted
        ? "The endpoint answers signed PINGs and rejects bad signatures."
        : $"Signed PING got {SignedPingStatus} '{SignedPingBody}' (want 200 {{\"type\":1}}); bad signature got {BadSignatureStatus} (want 401).";
}
