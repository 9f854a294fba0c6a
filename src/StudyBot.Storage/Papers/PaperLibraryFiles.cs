using System.Globalization;
using System.Text;
using StudyBot.Core.Papers;

namespace StudyBot.Storage.Papers;

/// <summary>Loads the paper library from a folder of notes (<c>papers/*.md</c>, README.md excepted). A file that
/// cannot be read or parsed is reported as a problem; it never stops the other notes from loading.</summary>
public static class PaperLibraryFiles
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static PaperLibraryLoad Load(string directory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(directory);
        if (!Directory.Exists(directory))
        {
            return new PaperLibraryLoad(PaperLibrary.Empty, [new PaperLoadProblem(directory, "the papers folder does not exist")]);
        }

        var problems = new List<PaperLoadProblem>();
        var notes = new List<PaperNote>();
        var files = Directory.EnumerateFiles(directory, "*.md", SearchOption.TopDirectoryOnly)
            .Where(f => !string.Equals(Path.GetFileName(f), "README.md", StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal);
        foreach (var file in files)
        {
            var text = Read(file, problems);
            if (text is null)
            {
                continue;
            }

            var parsed = PaperNoteParser.Parse(text, file);
            if (parsed.Note is { } note)
            {
                notes.Add(note);
            }
            else
            {
                problems.Add(parsed.Problem!);
            }
        }

        var built = PaperLibrary.Build(notes);
        return new PaperLibraryLoad(built.Library, [.. problems, .. built.Problems]);
    }

    private static string? Read(string file, List<PaperLoadProblem> problems)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(file);
        }
        catch (IOException e)
        {
            problems.Add(new PaperLoadProblem(file, $"could not be read: {e.Message}"));
            return null;
        }
        catch (UnauthorizedAccessException e)
        {
            problems.Add(new PaperLoadProblem(file, $"could not be read: {e.Message}"));
            return null;
        }

        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            var at = e.Index >= 0 ? string.Create(CultureInfo.InvariantCulture, $" (first bad byte near offset {e.Index})") : string.Empty;
            problems.Add(new PaperLoadProblem(file, $"is not valid UTF-8{at}; save the note as UTF-8"));
            return null;
        }
    }
}
