namespace StudyBot.Discord.Rest;

/// <summary>The <c>attachments</c> entry that ties <c>files[Id]</c> to a file name (and keeps existing ones on edit).</summary>
public sealed record AttachmentReference(long Id, string? Filename = null, string? Description = null);
