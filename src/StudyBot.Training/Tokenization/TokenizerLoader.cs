using System.Text.Json;
using System.Text.Json.Nodes;

namespace StudyBot.Training.Tokenization;

/// <summary>
/// Chooses the tokenizer of a model folder. A tokenizer_config.json whose "tokenizer_class" is
/// "StudyBotByteTokenizer" selects <see cref="ByteTokenizer"/>; otherwise vocab.json + merges.txt select GPT-2 BPE.
/// </summary>
public static class TokenizerLoader
{
    public const string ConfigFileName = "tokenizer_config.json";
    public const string VocabFileName = "vocab.json";
    public const string MergesFileName = "merges.txt";

    /// <summary>Loads the folder's tokenizer; throws <see cref="TokenizationException"/> saying which files are missing or bad.</summary>
    public static ITextTokenizer Load(string directory)
    {
        var configPath = Path.Combine(directory, ConfigFileName);
        if (File.Exists(configPath) && ReadTokenizerClass(configPath) == ByteTokenizer.TokenizerClass)
        {
            return new ByteTokenizer();
        }

        var vocab = Path.Combine(directory, VocabFileName);
        var merges = Path.Combine(directory, MergesFileName);
        if (File.Exists(vocab) && File.Exists(merges))
        {
            return Gpt2BpeTokenizer.FromFiles(vocab, merges);
        }

        throw new TokenizationException(
            $"Model folder '{directory}' has no tokenizer: expected {VocabFileName} + {MergesFileName} (GPT-2 BPE) or {ConfigFileName} with \"tokenizer_class\": \"{ByteTokenizer.TokenizerClass}\".");
    }

    /// <summary>Writes the marker files that select the byte tokenizer (also readable by Hugging Face as plain JSON).</summary>
    public static void WriteByteTokenizerFiles(string directory)
    {
        var config = new JsonObject
        {
            ["tokenizer_class"] = ByteTokenizer.TokenizerClass,
            ["model_max_length"] = null,
            ["eos_token"] = ByteTokenizer.EndOfTextToken,
            ["bos_token"] = ByteTokenizer.EndOfTextToken,
            ["vocab_size"] = 257,
            ["comment"] = "StudyBot byte tokenizer: ids 0-255 are UTF-8 bytes, 256 is <|endoftext|>.",
        };
        File.WriteAllText(Path.Combine(directory, ConfigFileName), config.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
    }

    private static string? ReadTokenizerClass(string path)
    {
        try
        {
            return (JsonNode.Parse(File.ReadAllText(path)) as JsonObject)?["tokenizer_class"]?.GetValue<string>();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new TokenizationException($"Tokenizer config '{path}' is not valid JSON with a string \"tokenizer_class\": {e.Message}", e);
        }
    }
}
