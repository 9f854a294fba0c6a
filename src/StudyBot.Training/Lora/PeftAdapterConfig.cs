using System.Text.Json;
using System.Text.Json.Nodes;
using StudyBot.Training.Training;

namespace StudyBot.Training.Lora;

/// <summary>The fields of PEFT's adapter_config.json that matter here (LoRA on a GPT-2 causal LM).</summary>
public sealed record PeftAdapterConfig(
    string BaseModelNameOrPath,
    int Rank,
    double Alpha,
    double Dropout,
    IReadOnlyList<string> TargetModules,
    bool FanInFanOut = true,
    string Bias = "none",
    bool InferenceMode = true)
{
    public const string FileName = "adapter_config.json";

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public LoraSettings ToSettings() => new(Rank, Alpha, Dropout, TargetModules);

    public static PeftAdapterConfig From(LoraSettings settings, string baseModelNameOrPath) =>
        new(baseModelNameOrPath, settings.Rank, settings.Alpha, settings.Dropout, settings.EffectiveTargetModules);

    public void Write(string path)
    {
        var root = new JsonObject
        {
            ["alpha_pattern"] = new JsonObject(),
            ["auto_mapping"] = null,
            ["base_model_name_or_path"] = BaseModelNameOrPath,
            ["bias"] = Bias,
            ["fan_in_fan_out"] = FanInFanOut,
            ["inference_mode"] = InferenceMode,
            ["init_lora_weights"] = true,
            ["layers_pattern"] = null,
            ["layers_to_transform"] = null,
            ["lora_alpha"] = Alpha == Math.Floor(Alpha) && Math.Abs(Alpha) < int.MaxValue ? JsonValue.Create((int)Alpha) : JsonValue.Create(Alpha),
            ["lora_dropout"] = Dropout,
            ["modules_to_save"] = null,
            ["peft_type"] = "LORA",
            ["r"] = Rank,
            ["rank_pattern"] = new JsonObject(),
            ["revision"] = null,
            ["target_modules"] = new JsonArray(TargetModules.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            ["task_type"] = "CAUSAL_LM",
            ["use_dora"] = false,
            ["use_rslora"] = false,
        };
        // A uniquely named temp file then a rename: readers never see half a file, and concurrent writers never share a temp.
        AtomicFile.WriteAllText(path, root.ToJsonString(Indented));
    }

    /// <summary>Reads a PEFT adapter_config.json; throws <see cref="InvalidDataException"/> naming the file and field.</summary>
    public static PeftAdapterConfig Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new InvalidDataException($"Adapter config '{path}' does not exist.");
        }

        JsonObject root;
        try
        {
            root = JsonNode.Parse(File.ReadAllText(path)) as JsonObject ?? throw new InvalidDataException($"Adapter config '{path}' is not a JSON object.");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"Adapter config '{path}' is not valid JSON: {e.Message}", e);
        }

        try
        {
            var peftType = root["peft_type"]?.GetValue<string>();
            if (peftType is not null && peftType != "LORA")
            {
                throw new InvalidDataException($"Adapter config '{path}': peft_type '{peftType}' is not supported (only LORA).");
            }

            if (root["use_dora"]?.GetValue<bool>() == true || root["use_rslora"]?.GetValue<bool>() == true)
            {
                throw new InvalidDataException($"Adapter config '{path}': DoRA and rsLoRA adapters are not supported.");
            }

            var bias = root["bias"]?.GetValue<string>() ?? "none";
            if (bias != "none")
            {
                throw new InvalidDataException($"Adapter config '{path}': bias '{bias}' is not supported (only \"none\").");
            }

            RejectUnsupported(root, path);
            var targets = root["target_modules"] switch
            {
                JsonArray array => array.Select(n => n?.GetValue<string>() ?? throw new InvalidDataException($"Adapter config '{path}': target_modules holds a null.")).ToList(),
                // PEFT treats a string as a regular expression over full module names, not as a name list.
                JsonValue value => throw new InvalidDataException($"Adapter config '{path}': target_modules is the regular expression '{value}'; only a list of module names is supported."),
                _ => throw new InvalidDataException($"Adapter config '{path}': target_modules is missing."),
            };

            return new PeftAdapterConfig(
                BaseModelNameOrPath: root["base_model_name_or_path"]?.GetValue<string>() ?? string.Empty,
                Rank: root["r"]?.GetValue<int>() ?? throw new InvalidDataException($"Adapter config '{path}': 'r' is missing."),
                Alpha: root["lora_alpha"]?.GetValue<double>() ?? throw new InvalidDataException($"Adapter config '{path}': 'lora_alpha' is missing."),
                Dropout: root["lora_dropout"]?.GetValue<double>() ?? 0.0,
                TargetModules: targets,
                FanInFanOut: root["fan_in_fan_out"]?.GetValue<bool>() ?? false,
                Bias: bias,
                InferenceMode: root["inference_mode"]?.GetValue<bool>() ?? true);
        }
        catch (Exception e) when (e is FormatException or InvalidOperationException)
        {
            throw new InvalidDataException($"Adapter config '{path}': a field has the wrong type ({e.Message}).", e);
        }
    }

    /// <summary>
    /// Fields that change which layers are adapted, or how, that this loader does not implement. Silently ignoring
    /// them would load a different adapter from the one PEFT would, so a non-empty value is refused by name.
    /// </summary>
    private static void RejectUnsupported(JsonObject root, string path)
    {
        string[] fields = ["rank_pattern", "alpha_pattern", "layers_to_transform", "modules_to_save"];
        foreach (var field in fields)
        {
            var node = root[field];
            var empty = node switch
            {
                null => true,
                JsonObject o => o.Count == 0,
                JsonArray a => a.Count == 0,
                _ => false,
            };
            if (!empty)
            {
                throw new InvalidDataException(
                    $"Adapter config '{path}': '{field}' is set ({node!.ToJsonString()}); per-layer ranks/alphas, layer selection and extra saved modules are not supported, only a uniform r and lora_alpha over target_modules.");
            }
        }
    }
}
