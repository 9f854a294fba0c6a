using StudyBot.Training.Data;
using StudyBot.Training.Tokenization;

namespace StudyBot.Training.Models;

/// <summary>Reads the pretraining sources (files, or folders of .md/.txt files) into one packed, split dataset.</summary>
public static class TinyPretrainData
{
    private static readonly string[] FolderPatterns = ["*.md", "*.txt"];

    /// <summary>Throws <see cref="DatasetException"/> naming the source when one is missing, unreadable, empty or too short.</summary>
    public static TokenizedDataset Load(TinyPretrainOptions options, ITextTokenizer tokenizer, int positions)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(tokenizer);
        var files = ExpandSources(options.Sources);
        var records = new List<DatasetRecord>();
        long size = 0;
        foreach (var file in files)
        {
            var raw = DatasetFileReader.Read(file);
            size += raw.SizeBytes;
            foreach (var record in raw.Records)
            {
                var text = record.Text ?? string.Concat(record.Prompt, record.Completion);
                records.Add(DatasetRecord.ForText(records.Count + 1, text));
            }
        }

        var name = files.Count == 1 ? files[0] : $"{files.Count} files ({string.Join(", ", options.Sources)})";
        var combined = new RawDataset(name, DatasetFormat.PlainText, size, records);
        var sequenceLength = Math.Min(options.SequenceLength, positions);
        return DatasetBuilder.Build(combined, tokenizer, new DatasetBuildOptions(sequenceLength, ValidationFraction: 0.1, options.Seed));
    }

    /// <summary>The files a list of sources stands for: files as given, folders as their .md and .txt files in name order.</summary>
    public static IReadOnlyList<string> ExpandSources(IReadOnlyList<string> sources)
    {
        ArgumentNullException.ThrowIfNull(sources);
        var files = new List<string>();
        foreach (var source in sources)
        {
            if (Directory.Exists(source))
            {
                var found = FolderPatterns
                    .SelectMany(pattern => Directory.EnumerateFiles(source, pattern, SearchOption.TopDirectoryOnly))
                    .Order(StringComparer.Ordinal)
                    .ToList();
                if (found.Count == 0)
                {
                    throw new DatasetException($"The pretraining folder '{source}' has no .md or .txt files.");
                }

                files.AddRange(found);
            }
            else if (File.Exists(source))
            {
                files.Add(source);
            }
            else
            {
                throw new DatasetException($"The pretraining text '{source}' does not exist (give a .txt/.md/.jsonl file or a folder of .md/.txt files).");
            }
        }

        return files;
    }
}
