using System.Text.RegularExpressions;

namespace StudyBot.Core.Queue;

/// <summary>Recognises arXiv identifiers as members type them ("2401.12345", "arXiv:2401.12345v2",
/// "https://arxiv.org/abs/2401.12345", "hep-th/9901001") and reduces them to the versionless id.</summary>
public static partial class ArxivIdParser
{
    public static bool TryNormalize(string? input, out string id)
    {
        id = string.Empty;
        if (string.IsNullOrWhiteSpace(input))
        {
            return false;
        }

        var match = Pattern().Match(input.Trim());
        if (!match.Success)
        {
            return false;
        }

        id = match.Groups["id"].Value.ToLowerInvariant();
        return true;
    }

    [GeneratedRegex(@"^(?:arxiv:|https?://(?:www\.)?arxiv\.org/(?:abs|pdf)/)?(?<id>\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?(?:\.pdf)?$", RegexOptions.IgnoreCase)]
    private static partial Regex Pattern();
}
