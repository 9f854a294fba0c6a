using System.Text.Json;

namespace StudyBot.Training.Training;

/// <summary>
/// The few config.json values settings are checked against (n_positions, vocab_size), read without loading
/// weights so bad settings fail fast.
/// </summary>
public sealed record ModelFolderFacts(int NPositions, int VocabSize)
{
    public const string ConfigFileName = "config.json";
    public const string WeightsFileName = "model.safetensors";

    /// <summary>Reads config.json; returns null and a problem when it cannot.</summary>
    public static ModelFolderFacts? TryRead(string modelDirectory, out string? problem)
    {
        var path = Path.Combine(modelDirectory, ConfigFileName);
        problem = null;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = document.RootElement;
            var positions = ReadInt(root, "n_positions") ?? ReadInt(root, "n_ctx");
            var vocab = ReadInt(root, "vocab_size");
            if (positions is null || vocab is null)
            {
                problem = $"'{path}' lacks {(positions is null ? "n_positions" : "vocab_size")}; it is not a GPT-2 config.";
                return null;
            }

            return new ModelFolderFacts(positions.Value, vocab.Value);
        }
        catch (JsonException ex)
        {
            problem = $"'{path}' is not valid JSON: {ex.Message}";
        }
        catch (IOException ex)
        {
            problem = $"'{path}' cannot be read: {ex.Message}";
        }

        return null;
    }

    private static int? ReadInt(JsonElement root, string name) =>
        root.ValueKind == JsonValueKind.Object && root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number)
            ? number
            : null;
}
