using System.Text.Json;

namespace StudyBot.Cli;

internal static class CliJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
    };

    /// <summary>Writes (or appends) a benchmark's output file, creating its folder first.</summary>
    public static async Task WriteOutputAsync(string path, string text, bool append, CancellationToken cancellationToken)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        if (append)
        {
            await File.AppendAllTextAsync(full, text, cancellationToken);
        }
        else
        {
            await File.WriteAllTextAsync(full, text, cancellationToken);
        }
    }
}
