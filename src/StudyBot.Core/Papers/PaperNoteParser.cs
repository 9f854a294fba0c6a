using System.Globalization;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using YamlDotNet.Core;
using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace StudyBot.Core.Papers;

/// <summary>
/// Turns the text of one note (YAML front matter + Markdown sections) into a <see cref="PaperNote"/>, or into a
/// <see cref="PaperLoadProblem"/> that says precisely what to fix. Checks one note on its own; checks across notes
/// (duplicates, prerequisites, cycles) belong to <see cref="PaperLibrary"/>.
/// </summary>
public static partial class PaperNoteParser
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    // Unknown keys are errors on purpose: a typo such as "estimated_minute" should be reported, not silently ignored.
    private static readonly IDeserializer Yaml = new DeserializerBuilder()
        .WithNamingConvention(UnderscoredNamingConvention.Instance)
        .Build();

    public static PaperParseResult Parse(string markdown, string sourceFile)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(sourceFile);

        var text = markdown.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        var document = Markdown.Parse(text, Pipeline);
        if (document.FirstOrDefault() is not YamlFrontMatterBlock frontMatterBlock)
        {
            return PaperParseResult.Failure(sourceFile, "no YAML front matter: the file must start with a '---' line, the fields, and a closing '---' line");
        }

        PaperFrontMatter? fields;
        var yaml = frontMatterBlock.Lines.ToString();
        try
        {
            fields = Yaml.Deserialize<PaperFrontMatter>(yaml);
        }
        catch (YamlException e)
        {
            return PaperParseResult.Failure(sourceFile, DescribeYamlError(e, yaml, frontMatterBlock.Line));
        }

        if (fields is null)
        {
            return PaperParseResult.Failure(sourceFile, "the YAML front matter is empty");
        }

        var bodyStart = Math.Min(frontMatterBlock.Span.End + 1, text.Length);
        var body = text[bodyStart..].TrimStart('\n', '\r').TrimEnd();
        var problem = Validate(fields, body, out var note, sourceFile);
        return problem is null ? PaperParseResult.Success(note!) : PaperParseResult.Failure(sourceFile, problem);
    }

    private static string? Validate(PaperFrontMatter f, string body, out PaperNote? note, string sourceFile)
    {
        note = null;
        if (string.IsNullOrWhiteSpace(f.Title))
        {
            return "missing 'title' in the front matter";
        }

        if (string.IsNullOrWhiteSpace(f.Slug))
        {
            return "missing 'slug' in the front matter";
        }

        if (!IsSlug(f.Slug))
        {
            return $"bad slug '{f.Slug}': a slug is lower-case letters, digits and dashes ([a-z0-9-]+)";
        }

        string id;
        if (string.IsNullOrWhiteSpace(f.Id))
        {
            id = f.Slug;
        }
        else if (ArxivId.TryParse(f.Id, out var arxivId))
        {
            id = arxivId.Value;
        }
        else if (IsSlug(f.Id))
        {
            id = f.Id;
        }
        else
        {
            return $"bad id '{f.Id}': expected an arXiv id (e.g. 1706.03762) or a slug ([a-z0-9-]+)";
        }

        var authors = Clean(f.Authors);
        if (authors.Count == 0)
        {
            return "missing 'authors' in the front matter (a list with at least one name)";
        }

        if (f.Year is not { } year)
        {
            return "missing 'year' in the front matter";
        }

        if (year is < 1900 or > 2100)
        {
            return $"bad year {year.ToString(CultureInfo.InvariantCulture)}: expected a publication year such as 2017";
        }

        if (string.IsNullOrWhiteSpace(f.Url))
        {
            return "missing 'url' in the front matter";
        }

        if (!Uri.TryCreate(f.Url.Trim(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp))
        {
            return $"bad url '{f.Url}': expected an absolute http(s) address";
        }

        if (string.IsNullOrWhiteSpace(f.Difficulty))
        {
            return "missing 'difficulty' in the front matter (beginner, intermediate or advanced)";
        }

        if (!TryDifficulty(f.Difficulty, out var difficulty))
        {
            return $"unknown difficulty '{f.Difficulty}': expected beginner, intermediate or advanced";
        }

        if (f.EstimatedMinutes is not { } minutes)
        {
            return "missing 'estimated_minutes' in the front matter";
        }

        if (minutes is <= 0 or > 10_000)
        {
            return $"bad estimated_minutes {minutes.ToString(CultureInfo.InvariantCulture)}: expected a positive number of minutes";
        }

        var tags = Clean(f.Tags);
        var prerequisites = Clean(f.Prerequisites);
        var badPrerequisite = prerequisites.FirstOrDefault(p => !IsSlug(p));
        if (badPrerequisite is not null)
        {
            return $"bad prerequisite '{badPrerequisite}': prerequisites are slugs of other notes ([a-z0-9-]+)";
        }

        var headings = PaperNoteSections.Headings(body);
        var missing = PaperSection.Required.FirstOrDefault(r => !headings.Contains(r, StringComparer.OrdinalIgnoreCase));
        if (missing is not null)
        {
            return $"missing section '## {missing}'";
        }

        var questions = PaperNoteSections.DiscussionQuestions(body);
        if (questions.Count < PaperSection.MinimumQuestions)
        {
            return $"'## {PaperSection.DiscussionQuestions}' has {questions.Count.ToString(CultureInfo.InvariantCulture)} numbered question(s); at least {PaperSection.MinimumQuestions.ToString(CultureInfo.InvariantCulture)} are required";
        }

        note = new PaperNote(
            id,
            f.Slug,
            f.Title.Trim(),
            authors,
            year,
            url.OriginalString,
            tags,
            difficulty,
            prerequisites,
            minutes,
            body,
            sourceFile);
        return null;
    }

    public static bool IsSlug(string? text) => text is not null && SlugPattern().IsMatch(text);

    private static bool TryDifficulty(string text, out PaperDifficulty difficulty)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "beginner":
                difficulty = PaperDifficulty.Beginner;
                return true;
            case "intermediate":
                difficulty = PaperDifficulty.Intermediate;
                return true;
            case "advanced":
                difficulty = PaperDifficulty.Advanced;
                return true;
            default:
                difficulty = default;
                return false;
        }
    }

    /// <summary>The non-blank items, trimmed, each once (a prerequisite listed twice would otherwise be waited on
    /// twice and its note left out of the reading path).</summary>
    private static List<string> Clean(List<string?>? items) =>
        items?.Where(i => !string.IsNullOrWhiteSpace(i)).Select(i => i!.Trim()).Distinct(StringComparer.OrdinalIgnoreCase).ToList() ?? [];

    private static string DescribeYamlError(YamlException e, string yaml, int frontMatterLine)
    {
        // The YAML starts on the line after the opening '---'.
        var line = e.Start.Line + frontMatterLine + 1;
        var yamlLines = yaml.Split('\n');
        var key = e.Start.Line >= 1 && e.Start.Line <= yamlLines.Length ? KeyOfLine().Match(yamlLines[e.Start.Line - 1]) : Match.Empty;
        var where = key.Success ? $"line {line.ToString(CultureInfo.InvariantCulture)} ({key.Groups[1].Value})" : $"line {line.ToString(CultureInfo.InvariantCulture)}";
        var unknownField = UnknownProperty().Match(e.Message);
        var wrongShape = (e.InnerException?.Message ?? e.Message).Contains("No node deserializer", StringComparison.Ordinal);
        var detail = unknownField.Success
            ? $"unknown field '{unknownField.Groups[1].Value}' (expected {string.Join(", ", KnownFields)})"
            : wrongShape ? WrongShape : e.InnerException switch
            {
                FormatException or OverflowException => $"the value has the wrong type: {e.InnerException.Message}",
                YamlException inner => StripLocation(inner.Message),
                null => StripLocation(e.Message),
                _ => WrongShape,
            };
        return $"invalid YAML front matter at {where}: {detail}";
    }

    private const string WrongShape = "a value has the wrong shape (e.g. a list where a single value was expected, or the reverse)";

    private static readonly string[] KnownFields =
        ["id", "slug", "title", "authors", "year", "url", "tags", "difficulty", "prerequisites", "estimated_minutes"];

    private static string StripLocation(string message) => LocationPrefix().Replace(message, string.Empty).Trim();

    [GeneratedRegex(@"^\s*([A-Za-z_][A-Za-z0-9_]*)\s*:", RegexOptions.CultureInvariant)]
    private static partial Regex KeyOfLine();

    [GeneratedRegex(@"Property '([^']+)' not found on type", RegexOptions.CultureInvariant)]
    private static partial Regex UnknownProperty();

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex SlugPattern();

    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\):\s*", RegexOptions.CultureInvariant)]
    private static partial Regex LocationPrefix();
}
