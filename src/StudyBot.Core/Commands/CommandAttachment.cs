namespace StudyBot.Core.Commands;

/// <summary>A file a member attached to an attachment option.</summary>
public sealed record CommandAttachment(ulong Id, string FileName, string Url, long Size, string? ContentType);
