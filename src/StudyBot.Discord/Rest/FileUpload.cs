namespace StudyBot.Discord.Rest;

/// <summary>A file sent as a <c>files[n]</c> multipart part alongside <c>payload_json</c>.</summary>
public sealed record FileUpload(string FileName, ReadOnlyMemory<byte> Content, string ContentType = "application/octet-stream", string? Description = null);
