namespace StudyBot.Core.Rendering;

/// <summary>One embed field of a <see cref="PaperCard"/>.</summary>
public sealed record PaperCardField(string Name, string Value, bool Inline);
