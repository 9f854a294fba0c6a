namespace StudyBot.FakeDiscord.Model;

/// <summary>A stored file (uploaded by the bot, or by a simulated user for attachment options);
/// <paramref name="Url"/> serves <paramref name="Content"/> back from the fake.</summary>
public sealed record FakeAttachment(
    ulong Id,
    string Filename,
    string ContentType,
    long Size,
    string Url,
    string? Description,
    ReadOnlyMemory<byte> Content);
