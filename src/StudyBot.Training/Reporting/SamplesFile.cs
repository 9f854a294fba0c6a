using StudyBot.Training.Evaluation;

namespace StudyBot.Training.Reporting;

/// <summary>samples.json: for every prompt and decoding, the continuation before and after fine-tuning.</summary>
public static class SamplesFile
{
    public static void Write(string path, IReadOnlyList<GeneratedSample> samples) => RunJson.Write(path, new SamplesDocument(samples));

    public static IReadOnlyList<GeneratedSample> Read(string path) => RunJson.Read<SamplesDocument>(path).Samples;

    private sealed record SamplesDocument(IReadOnlyList<GeneratedSample> Samples);
}
