namespace StudyBot.Core.Commands;

/// <summary>A rich embed. <paramref name="ImageFileName"/> names one of the response's files to show as the image
/// (the transport turns it into <c>attachment://name</c>).</summary>
public sealed record ResponseEmbed(
    string? Title = null,
    string? Description = null,
    string? Url = null,
    IReadOnlyList<EmbedField>? Fields = null,
    string? Footer = null,
    int? Color = null,
    string? ImageFileName = null);
