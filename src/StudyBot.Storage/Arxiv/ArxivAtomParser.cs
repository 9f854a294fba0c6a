using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;

namespace StudyBot.Storage.Arxiv;

/// <summary>Reads the arXiv API's Atom feed (one entry per requested id, or its error entry).</summary>
internal static partial class ArxivAtomParser
{
    private static readonly XNamespace Atom = "http://www.w3.org/2005/Atom";
    private const string ErrorIdPrefix = "http://arxiv.org/api/errors";

    public static ArxivFetchResult Parse(string body, string requestedId)
    {
        XDocument document;
        try
        {
            var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
            using var reader = XmlReader.Create(new StringReader(body), settings);
            document = XDocument.Load(reader);
        }
        catch (XmlException)
        {
            return ArxivFetchResult.Failed(ArxivFailureKind.MalformedReply, $"arXiv's reply was not an Atom feed: \"{Excerpt(body)}\"");
        }

        if (document.Root?.Name != Atom + "feed")
        {
            return ArxivFetchResult.Failed(ArxivFailureKind.MalformedReply, $"arXiv's reply was XML but not an Atom feed (root <{document.Root?.Name.LocalName}>)");
        }

        var entries = document.Root.Elements(Atom + "entry").ToList();
        var error = entries.FirstOrDefault(e => Text(e, "id").StartsWith(ErrorIdPrefix, StringComparison.OrdinalIgnoreCase));
        if (error is not null)
        {
            var detail = Text(error, "summary");
            return ArxivFetchResult.Failed(ArxivFailureKind.ApiError, $"arXiv rejected the request for {requestedId}: {(detail.Length > 0 ? detail : "no detail given")}");
        }

        // Unknown ids come back as an empty feed (and, from older API versions, as an entry without a title).
        var entry = entries.FirstOrDefault(e => MatchesId(e, requestedId)) ?? entries.FirstOrDefault();
        var title = entry is null ? string.Empty : Text(entry, "title");
        if (entry is null || title.Length == 0)
        {
            return ArxivFetchResult.Failed(ArxivFailureKind.NotFound, $"arXiv has no paper with id {requestedId}");
        }

        var authors = entry.Elements(Atom + "author").Select(a => Collapse((string?)a.Element(Atom + "name"))).Where(n => n.Length > 0).ToList();
        var published = Text(entry, "published");
        var year = DateTimeOffset.TryParse(published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date) ? date.Year : 0;
        var absUrl = entry.Elements(Atom + "link")
            .Where(l => (string?)l.Attribute("rel") == "alternate")
            .Select(l => (string?)l.Attribute("href"))
            .FirstOrDefault(h => !string.IsNullOrWhiteSpace(h)) ?? Text(entry, "id");
        return ArxivFetchResult.Success(new ArxivMetadata(requestedId, title, authors, Text(entry, "summary"), year, absUrl));
    }

    private static bool MatchesId(XElement entry, string requestedId)
    {
        var id = Text(entry, "id");
        var slash = id.IndexOf("/abs/", StringComparison.Ordinal);
        return slash >= 0 && VersionSuffix().Replace(id[(slash + 5)..], string.Empty).Equals(requestedId, StringComparison.OrdinalIgnoreCase);
    }

    private static string Text(XElement parent, string name) => Collapse((string?)parent.Element(Atom + name));

    private static string Collapse(string? text) => text is null ? string.Empty : Whitespace().Replace(text, " ").Trim();

    private static string Excerpt(string body)
    {
        var collapsed = Collapse(body);
        return collapsed.Length <= 80 ? collapsed : collapsed[..80] + "…";
    }

    [GeneratedRegex(@"\s+", RegexOptions.CultureInvariant)]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"v\d+$", RegexOptions.CultureInvariant)]
    private static partial Regex VersionSuffix();
}
