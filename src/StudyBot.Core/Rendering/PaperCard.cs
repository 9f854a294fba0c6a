namespace StudyBot.Core.Rendering;

/// <summary>A paper's info card, sized for one Discord embed (see <see cref="DiscordLimits"/>).</summary>
public sealed record PaperCard(string Title, string Url, string Description, IReadOnlyList<PaperCardField> Fields);
