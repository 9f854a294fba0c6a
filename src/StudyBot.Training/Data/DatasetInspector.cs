namespace StudyBot.Training.Data;

/// <summary>
/// Checks a data file before a run is queued: size within the limit, UTF-8, not empty, JSON Lines valid (problems
/// reported by line number). Uses no TorchSharp, so it is cheap to call from the bot's request handler.
/// </summary>
public static class DatasetInspector
{
    /// <summary>Inspects a file on disk; throws <see cref="DatasetException"/> with a precise message when it cannot be used.</summary>
    public static DatasetInspection Inspect(string path, long maxBytes = long.MaxValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new DatasetException($"The data file '{path}' does not exist.");
        }

        CheckSize(info.Name, info.Length, maxBytes);
        return Summarise(DatasetFileReader.Read(path));
    }

    /// <summary>Inspects content already in memory (for example a downloaded attachment).</summary>
    public static DatasetInspection Inspect(ReadOnlySpan<byte> content, string fileName, long maxBytes = long.MaxValue)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        CheckSize(fileName, content.Length, maxBytes);
        return Summarise(DatasetFileReader.Read(content, fileName));
    }

    private static void CheckSize(string fileName, long size, long maxBytes)
    {
        if (size > maxBytes)
        {
            throw new DatasetException(
                $"The data file '{fileName}' is {FormatBytes(size)}; the limit is {FormatBytes(maxBytes)}.");
        }
    }

    private static DatasetInspection Summarise(RawDataset dataset) =>
        new(dataset.SourceName, dataset.Format, dataset.SizeBytes, dataset.Records.Count, dataset.CharacterCount);

    private static string FormatBytes(long bytes) => bytes switch
    {
        >= 1024 * 1024 => $"{bytes / (1024.0 * 1024.0):0.#} MiB",
        >= 1024 => $"{bytes / 1024.0:0.#} KiB",
        _ => $"{bytes} bytes",
    };
}
