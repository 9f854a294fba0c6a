using System.Text;
using System.Text.Json;

namespace StudyBot.Training.Data;

/// <summary>
/// Reads a training data file strictly: UTF-8 only (a bad byte is reported with its line), not empty, and for
/// JSON Lines every non-blank line one object of a single shape. Needs no TorchSharp, so the bot can run it on an
/// upload before a run is queued.
/// </summary>
public static class DatasetFileReader
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The format a file name implies: <c>.jsonl</c> is JSON Lines, <c>.txt</c>/<c>.md</c>/no extension is plain text.</summary>
    public static DatasetFormat? FormatFromFileName(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        return extension switch
        {
            ".jsonl" => DatasetFormat.JsonlText, // the shape (text or prompt/completion) is decided by the content
            ".txt" or ".md" or ".text" or "" => DatasetFormat.PlainText,
            _ => null,
        };
    }

    public static RawDataset Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new DatasetException($"The data file '{path}' does not exist.");
        }

        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (IOException ex)
        {
            throw new DatasetException($"The data file '{path}' cannot be read: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new DatasetException($"The data file '{path}' cannot be read: {ex.Message}", ex);
        }

        return Read(content, Path.GetFileName(path));
    }

    /// <summary>Reads file content already in memory (an attachment); <paramref name="fileName"/> decides the format.</summary>
    public static RawDataset Read(ReadOnlySpan<byte> content, string fileName)
    {
        var format = FormatFromFileName(fileName)
            ?? throw new DatasetException(
                $"'{fileName}' is not a supported data file: use .txt (plain text) or .jsonl (one JSON object per line).");
        if (content.IsEmpty)
        {
            throw new DatasetException($"The data file '{fileName}' is empty.");
        }

        var lines = DecodeLines(content, fileName);
        if (lines.All(string.IsNullOrWhiteSpace))
        {
            throw new DatasetException($"The data file '{fileName}' contains only whitespace.");
        }

        return format == DatasetFormat.PlainText
            ? new RawDataset(fileName, DatasetFormat.PlainText, content.Length, [DatasetRecord.ForText(1, string.Join('\n', lines))])
            : ParseJsonLines(lines, fileName, content.Length);
    }

    // '\n' never occurs inside a multi-byte UTF-8 sequence, so splitting bytes on it first lets a decoding error be
    // reported with its line number.
    private static List<string> DecodeLines(ReadOnlySpan<byte> content, string fileName)
    {
        var lines = new List<string>();
        var offset = 0;
        ReadOnlySpan<byte> byteOrderMark = [0xEF, 0xBB, 0xBF];
        if (content.StartsWith(byteOrderMark))
        {
            offset = byteOrderMark.Length;
        }

        var lineNumber = 0;
        while (offset <= content.Length)
        {
            lineNumber++;
            var rest = content[offset..];
            var newline = rest.IndexOf((byte)'\n');
            var line = newline < 0 ? rest : rest[..newline];
            try
            {
                lines.Add(StrictUtf8.GetString(line));
            }
            catch (DecoderFallbackException ex)
            {
                var column = ex.Index >= 0 ? ex.Index : 0;
                throw new DatasetException(
                    $"The data file '{fileName}' is not valid UTF-8: line {lineNumber} has an invalid byte at byte offset {offset + column}. Save the file as UTF-8.",
                    lineNumber,
                    ex);
            }

            if (newline < 0)
            {
                break;
            }

            offset += newline + 1;
        }

        return lines;
    }

    private static RawDataset ParseJsonLines(List<string> lines, string fileName, long size)
    {
        var records = new List<DatasetRecord>();
        DatasetFormat? shape = null;
        var firstShapeLine = 0;
        for (var i = 0; i < lines.Count; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].TrimEnd('\r');
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            var record = ParseLine(line, lineNumber, fileName);
            var recordShape = record.Text is null ? DatasetFormat.JsonlPromptCompletion : DatasetFormat.JsonlText;
            if (shape is null)
            {
                shape = recordShape;
                firstShapeLine = lineNumber;
            }
            else if (shape != recordShape)
            {
                throw new DatasetException(
                    $"'{fileName}' line {lineNumber}: has {Describe(recordShape)} but line {firstShapeLine} has {Describe(shape.Value)}; one file must use one shape.",
                    lineNumber);
            }

            records.Add(record);
        }

        return new RawDataset(fileName, shape ?? DatasetFormat.JsonlText, size, records);
    }

    private static string Describe(DatasetFormat shape) =>
        shape == DatasetFormat.JsonlText ? "\"text\"" : "\"prompt\"/\"completion\"";

    private static DatasetRecord ParseLine(string line, int lineNumber, string fileName)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException ex)
        {
            var column = (ex.BytePositionInLine ?? 0) + 1;
            throw new DatasetException($"'{fileName}' line {lineNumber}: invalid JSON near column {column}.", lineNumber, ex);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new DatasetException(
                    $"'{fileName}' line {lineNumber}: expected a JSON object like {{\"text\": \"…\"}} or {{\"prompt\": \"…\", \"completion\": \"…\"}}, found {root.ValueKind.ToString().ToLowerInvariant()}.",
                    lineNumber);
            }

            var text = ReadString(root, "text", lineNumber, fileName);
            var prompt = ReadString(root, "prompt", lineNumber, fileName);
            var completion = ReadString(root, "completion", lineNumber, fileName);
            if (text is not null && (prompt is not null || completion is not null))
            {
                throw new DatasetException(
                    $"'{fileName}' line {lineNumber}: has both \"text\" and \"prompt\"/\"completion\"; use one shape.", lineNumber);
            }

            if (text is not null)
            {
                return string.IsNullOrWhiteSpace(text)
                    ? throw new DatasetException($"'{fileName}' line {lineNumber}: \"text\" is empty.", lineNumber)
                    : DatasetRecord.ForText(lineNumber, text);
            }

            if (prompt is not null && completion is not null)
            {
                return completion.Length == 0
                    ? throw new DatasetException($"'{fileName}' line {lineNumber}: \"completion\" is empty; there would be nothing to learn.", lineNumber)
                    : DatasetRecord.ForPromptCompletion(lineNumber, prompt, completion);
            }

            var missing = prompt is not null ? "\"completion\"" : completion is not null ? "\"prompt\"" : null;
            throw new DatasetException(
                missing is null
                    ? $"'{fileName}' line {lineNumber}: has neither \"text\" nor \"prompt\"+\"completion\"."
                    : $"'{fileName}' line {lineNumber}: has no {missing} string.",
                lineNumber);
        }
    }

    private static string? ReadString(JsonElement root, string name, int lineNumber, string fileName)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new DatasetException(
                $"'{fileName}' line {lineNumber}: \"{name}\" must be a string, found {value.ValueKind.ToString().ToLowerInvariant()}.",
                lineNumber);
    }
}
