using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;

namespace StudyBot.Core.Papers;

/// <summary>
/// A well-formed arXiv identifier, normalised so that every spelling a member might paste maps to one key:
/// "1706.03762", "arXiv:1706.03762v5", "https://arxiv.org/abs/1706.03762v5" and "https://arxiv.org/pdf/1706.03762.pdf"
/// all give <c>Value == "1706.03762"</c>. Old-style ids ("cs/0112017", "math.GT/0309136") are accepted too.
/// </summary>
public readonly partial record struct ArxivId
{
    private ArxivId(string value, int? version)
    {
        Value = value;
        Version = version;
    }

    /// <summary>The id without its version suffix (the form used as a cache and library key).</summary>
    public string Value { get; }

    /// <summary>The version the input named ("v5" → 5), or null when it named none.</summary>
    public int? Version { get; }

    public string WithVersion => Version is { } v ? $"{Value}v{v.ToString(CultureInfo.InvariantCulture)}" : Value;

    public string AbsUrl => $"https://arxiv.org/abs/{Value}";

    public override string ToString() => Value;

    public static ArxivId Parse(string text) =>
        TryParse(text, out var id) ? id : throw new FormatException($"'{text}' is not an arXiv id (expected e.g. 1706.03762 or cs/0112017).");

    public static bool TryParse([NotNullWhen(true)] string? text, out ArxivId id)
    {
        id = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var candidate = StripDecorations(text.Trim());
        var modern = ModernPattern().Match(candidate);
        if (modern.Success)
        {
            var yymm = int.Parse(modern.Groups["yymm"].ValueSpan, CultureInfo.InvariantCulture);
            var month = yymm % 100;
            // Four-digit sequence numbers were used from 0704 to 1412, five digits since 1501.
            var digits = yymm >= 1501 ? 5 : 4;
            if (month is < 1 or > 12 || yymm < 704 || modern.Groups["number"].Length != digits)
            {
                return false;
            }

            id = new ArxivId($"{modern.Groups["yymm"].Value}.{modern.Groups["number"].Value}", ParseVersion(modern));
            return true;
        }

        var old = OldPattern().Match(candidate);
        if (old.Success)
        {
            var month = int.Parse(old.Groups["number"].ValueSpan[2..4], CultureInfo.InvariantCulture);
            if (month is < 1 or > 12)
            {
                return false;
            }

            var archive = old.Groups["archive"].Value.ToLowerInvariant();
            var subject = old.Groups["subject"].Success ? "." + old.Groups["subject"].Value.ToUpperInvariant() : string.Empty;
            id = new ArxivId($"{archive}{subject}/{old.Groups["number"].Value}", ParseVersion(old));
            return true;
        }

        return false;
    }

    private static string StripDecorations(string text)
    {
        var url = UrlPattern().Match(text);
        if (url.Success)
        {
            text = url.Groups["id"].Value;
            if (text.EndsWith(".pdf", StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^4];
            }

            return text.TrimEnd('/');
        }

        return text.StartsWith("arxiv:", StringComparison.OrdinalIgnoreCase) ? text["arxiv:".Length..].Trim() : text;
    }

    private static int? ParseVersion(Match match) =>
        match.Groups["version"].Success ? int.Parse(match.Groups["version"].ValueSpan, CultureInfo.InvariantCulture) : null;

    [GeneratedRegex(@"^(?<yymm>[0-9]{4})\.(?<number>[0-9]{4,5})(?:v(?<version>[1-9][0-9]{0,3}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex ModernPattern();

    [GeneratedRegex(@"^(?<archive>[a-zA-Z]+(?:-[a-zA-Z]+)?)(?:\.(?<subject>[a-zA-Z]{2}))?/(?<number>[0-9]{7})(?:v(?<version>[1-9][0-9]{0,3}))?$", RegexOptions.CultureInvariant)]
    private static partial Regex OldPattern();

    [GeneratedRegex(@"^https?://(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/(?<id>\S+?)/?$", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase)]
    private static partial Regex UrlPattern();
}
