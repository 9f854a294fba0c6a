using StudyBot.Training.Data;

namespace StudyBot.FineTune;

/// <summary>
/// The prompt sampled before and after training when the member gave none, so every result shows what the adapter
/// changed: the prompt of the data set's first prompt/completion pair, else the opening words of its first text,
/// else <see cref="Fallback"/>.
/// </summary>
public static class DefaultSamplePrompt
{
    public const string Fallback = "The paper";
    public const int Words = 4;
    private const int MaxLength = 80;

    public static string From(string datasetPath)
    {
        RawDataset data;
        try
        {
            data = DatasetFileReader.Read(datasetPath);
        }
        catch (Exception e) when (e is DatasetException or IOException or UnauthorizedAccessException)
        {
            return Fallback;
        }

        var first = data.Records.FirstOrDefault(r => !string.IsNullOrWhiteSpace(r.Prompt) || !string.IsNullOrWhiteSpace(r.Text));
        var prompt = first switch
        {
            { Prompt: { } p } when !string.IsNullOrWhiteSpace(p) => p.Trim(),
            { Text: { } t } => OpeningWords(t),
            _ => null,
        };
        return string.IsNullOrWhiteSpace(prompt) ? Fallback : prompt.Length <= MaxLength ? prompt : prompt[..MaxLength].TrimEnd();
    }

    private static string OpeningWords(string text)
    {
        var firstLine = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault() ?? string.Empty;
        return string.Join(' ', firstLine.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(Words));
    }
}
