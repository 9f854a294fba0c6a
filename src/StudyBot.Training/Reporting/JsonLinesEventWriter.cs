using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using StudyBot.Training.Training;

namespace StudyBot.Training.Reporting;

/// <summary>
/// The trainer child process's stdout protocol: one JSON object per line, flushed at once, each with a "type":
/// "status", "progress", "eval", "checkpoint", then exactly one of "completed", "cancelled" or "failed".
/// </summary>
public sealed class JsonLinesEventWriter : IProgress<TrainingEvent>
{
    // Lines are read by a program, never embedded in HTML: keep quotes and non-ASCII readable.
    private static readonly JsonSerializerOptions LineOptions = new() { WriteIndented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly TextWriter _output;
    private readonly Lock _gate = new();

    public JsonLinesEventWriter(TextWriter output)
    {
        _output = output ?? throw new ArgumentNullException(nameof(output));
    }

    public void Report(TrainingEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Write(value switch
        {
            TrainingProgressEvent p => new JsonObject
            {
                ["type"] = "progress",
                ["step"] = p.Step,
                ["totalSteps"] = p.TotalSteps,
                ["loss"] = Finite(p.Loss),
                ["learningRate"] = p.LearningRate,
                ["gradNorm"] = Finite(p.GradNorm),
                ["tokensPerSecond"] = Math.Round(p.TokensPerSecond, 1),
                ["elapsedSeconds"] = Math.Round(p.Elapsed.TotalSeconds, 3),
                ["etaSeconds"] = Math.Round(p.Eta.TotalSeconds, 1),
                ["gpuMemoryBytes"] = p.GpuMemoryBytes,
            },
            EvaluationEvent e => new JsonObject
            {
                ["type"] = "eval",
                ["step"] = e.Step,
                ["phase"] = e.Phase,
                ["validationLoss"] = Finite(e.ValidationLoss),
                ["perplexity"] = Finite(e.Perplexity),
            },
            CheckpointSavedEvent c => new JsonObject { ["type"] = "checkpoint", ["step"] = c.Step, ["directory"] = c.Directory },
            TrainingStatusEvent s => new JsonObject { ["type"] = "status", ["message"] = s.Message },
            _ => new JsonObject { ["type"] = "status", ["message"] = value.ToString() },
        });
    }

    public void Completed(TrainingResult result, RunOutputPaths paths)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(paths);
        Write(new JsonObject
        {
            ["type"] = result.Outcome == TrainingOutcome.Completed ? "completed" : "cancelled",
            ["stepsCompleted"] = result.StepsCompleted,
            ["totalSteps"] = result.TotalSteps,
            ["validationLossBefore"] = result.Before is { } before ? Finite(before.Loss) : null,
            ["validationLossAfter"] = result.After is { } after ? Finite(after.Loss) : null,
            ["perplexityBefore"] = result.Before is { } b ? Finite(b.Perplexity) : null,
            ["perplexityAfter"] = result.After is { } a ? Finite(a.Perplexity) : null,
            ["tokensPerSecond"] = Math.Round(result.TokensPerSecond, 1),
            ["durationSeconds"] = Math.Round(result.Duration.TotalSeconds, 3),
            ["device"] = result.Device.ToString(),
            ["metrics"] = paths.Metrics,
            ["lossPlot"] = paths.LossPlot,
            ["samples"] = paths.Samples,
            ["adapter"] = paths.Adapter,
        });
    }

    public void Failed(string message, string? errorType = null)
    {
        Write(new JsonObject { ["type"] = "failed", ["message"] = message, ["error"] = errorType });
    }

    private static JsonNode? Finite(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    private void Write(JsonObject line)
    {
        var text = line.ToJsonString(LineOptions);
        lock (_gate)
        {
            _output.WriteLine(text);
            _output.Flush();
        }
    }
}
