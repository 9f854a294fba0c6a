namespace StudyBot.Training.Lora;

/// <summary>
/// Tensor names in PEFT adapter files. PEFT saves "base_model.model.{module}.lora_A.weight"; in-memory state dicts
/// carry an adapter name (".lora_A.default.weight"), and a bare GPT2Model base has no "transformer." segment.
/// </summary>
public static class PeftKeys
{
    public const string Prefix = "base_model.model.";
    public const string WeightsFileName = "adapter_model.safetensors";

    public static string KeyFor(string moduleName, bool isA) => $"{Prefix}{moduleName}.lora_{(isA ? "A" : "B")}.weight";

    /// <summary>Parses a saved key into our module name ("transformer.h.0.attn.c_attn") and which matrix it is.</summary>
    public static bool TryParse(string key, out string moduleName, out bool isA)
    {
        moduleName = string.Empty;
        isA = false;
        var rest = key.StartsWith(Prefix, StringComparison.Ordinal) ? key[Prefix.Length..] : key;
        if (!rest.EndsWith(".weight", StringComparison.Ordinal))
        {
            return false;
        }

        rest = rest[..^".weight".Length];
        foreach (var marker in new[] { ".lora_A", ".lora_B" })
        {
            var index = rest.LastIndexOf(marker, StringComparison.Ordinal);
            if (index < 0)
            {
                continue;
            }

            var tail = rest[(index + marker.Length)..];

            // Either nothing or a single adapter-name segment (".default") may follow lora_A / lora_B.
            if (tail.Length > 0 && (tail[0] != '.' || tail.IndexOf('.', 1) >= 0))
            {
                continue;
            }

            moduleName = rest[..index];
            isA = marker == ".lora_A";
            if (!moduleName.StartsWith("transformer.", StringComparison.Ordinal))
            {
                moduleName = "transformer." + moduleName;
            }

            return true;
        }

        return false;
    }
}
