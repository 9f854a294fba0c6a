namespace StudyBot.Core.Commands;

/// <summary>A file uploaded with the response.</summary>
public sealed record ResponseFile(string FileName, byte[] Content, string? ContentType = null);
