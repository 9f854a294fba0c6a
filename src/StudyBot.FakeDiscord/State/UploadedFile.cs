namespace StudyBot.FakeDiscord.State;

/// <summary>One <c>files[n]</c> part of a multipart request.</summary>
internal sealed record UploadedFile(int Index, string FileName, string ContentType, byte[] Data);
