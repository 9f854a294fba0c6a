using System.Buffers.Binary;
using System.Text.Json;
using StudyBot.Training.Reporting;
using StudyBot.Training.Tests.Training;
using StudyBot.Training.Training;

namespace StudyBot.Training.Tests.Reporting;

public sealed class RunDirectoryTrainerTests : IDisposable
{
    private readonly TrainingWorkspace _workspace = TrainingWorkspace.Create();

    public void Dispose() => _workspace.Dispose();

    [Fact]
    public async Task Streams_one_json_object_per_line_and_leaves_a_complete_run_folder()
    {
        var runDir = RunDirectory.Create(Path.Combine(_workspace.Root, "run-1"), _workspace.Settings(_workspace.WriteCorpus()) with
        {
            Steps = 12, EvalInterval = 6, CheckpointInterval = 6, SamplePrompts = ["low rank"], SampleMaxTokens = 12,
        });
        var stdout = new LineCapturingWriter();

        var exitCode = await RunDirectoryTrainer.RunAsync(runDir.Path, stdout, CancellationToken.None);

        Assert.Equal(RunExitCodes.Completed, exitCode);
        var lines = stdout.Lines.Select(l => JsonDocument.Parse(l).RootElement).ToList();
        var types = lines.Select(l => l.GetProperty("type").GetString()).ToList();
        Assert.Equal(12, types.Count(t => t == "progress"));
        Assert.Equal(["before", "during", "after"], lines.Where(l => l.GetProperty("type").GetString() == "eval").Select(l => l.GetProperty("phase").GetString()));
        Assert.Equal(2, types.Count(t => t == "checkpoint"));
        Assert.Equal("completed", types[^1]);
        var progress = lines.First(l => l.GetProperty("type").GetString() == "progress");
        Assert.Equal(1, progress.GetProperty("step").GetInt32());
        Assert.Equal(12, progress.GetProperty("totalSteps").GetInt32());
        Assert.True(progress.GetProperty("loss").GetDouble() > 0);
        Assert.True(progress.GetProperty("tokensPerSecond").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, progress.GetProperty("gpuMemoryBytes").ValueKind);
        var completed = lines[^1];
        Assert.True(completed.GetProperty("validationLossAfter").GetDouble() < completed.GetProperty("validationLossBefore").GetDouble());

        AssertRunFolderIsComplete(runDir);
    }

    [Fact]
    public async Task Bad_settings_end_with_one_failed_line_and_exit_code_two()
    {
        var runDir = RunDirectory.Create(Path.Combine(_workspace.Root, "run-bad"), _workspace.Settings(_workspace.WriteCorpus()) with { Rank = -1, BatchSize = 0 });
        var stdout = new LineCapturingWriter();

        var exitCode = await RunDirectoryTrainer.RunAsync(runDir.Path, stdout, CancellationToken.None);

        Assert.Equal(RunExitCodes.InvalidInput, exitCode);
        var line = JsonDocument.Parse(Assert.Single(stdout.Lines)).RootElement;
        Assert.Equal("failed", line.GetProperty("type").GetString());
        Assert.Equal(
            "Cannot start fine-tuning (2 problems): 1) rank must be at least 1 (got -1). 2) batch size must be at least 1 (got 0).",
            line.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Missing_settings_file_is_reported_as_failed()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_workspace.Root, "empty-run")).FullName;
        var stdout = new LineCapturingWriter();

        Assert.Equal(RunExitCodes.InvalidInput, await RunDirectoryTrainer.RunAsync(folder, stdout, CancellationToken.None));
        Assert.Contains("settings.json' does not exist", Assert.Single(stdout.Lines));
    }

    [Fact]
    public async Task An_interrupted_run_resumes_from_its_latest_checkpoint()
    {
        var runDir = RunDirectory.Create(Path.Combine(_workspace.Root, "run-2"), _workspace.Settings(_workspace.WriteCorpus()) with { Steps = 16, CheckpointInterval = 4 });
        using var cancellation = new CancellationTokenSource();
        var firstOut = new LineCapturingWriter(line =>
        {
            if (line.Contains("\"type\":\"progress\",\"step\":6,", StringComparison.Ordinal))
            {
                cancellation.Cancel();
            }
        });

        var firstExit = await RunDirectoryTrainer.RunAsync(runDir.Path, firstOut, cancellation.Token);
        var secondOut = new LineCapturingWriter();
        var secondExit = await RunDirectoryTrainer.RunAsync(runDir.Path, secondOut, CancellationToken.None);

        Assert.Equal(RunExitCodes.Cancelled, firstExit);
        Assert.Contains("\"type\":\"cancelled\"", firstOut.Lines[^1]);
        Assert.Equal(RunExitCodes.Completed, secondExit);
        Assert.Contains(secondOut.Lines, l => l.Contains("resumed from step 6", StringComparison.Ordinal));
        Assert.DoesNotContain(secondOut.Lines, l => l.Contains("\"phase\":\"before\"", StringComparison.Ordinal));
        Assert.StartsWith("{\"type\":\"progress\",\"step\":7,", secondOut.Lines.First(l => l.Contains("\"progress\"", StringComparison.Ordinal)));
        var metrics = runDir.ReadMetrics();
        Assert.Equal(16, metrics.StepsCompleted);
        Assert.Equal(6, metrics.ResumedFromStep);
        Assert.Equal(Enumerable.Range(1, 16), metrics.Steps.Select(s => s.Step));
    }

    private static void AssertRunFolderIsComplete(RunDirectory runDir)
    {
        var metrics = runDir.ReadMetrics();
        Assert.Equal(TrainingOutcome.Completed, metrics.Outcome);
        Assert.Equal(12, metrics.StepsCompleted);
        Assert.Equal(Enumerable.Range(1, 12), metrics.Steps.Select(s => s.Step));
        Assert.All(metrics.Steps, s => Assert.True(double.IsFinite(s.Loss) && s.LearningRate > 0));
        Assert.Equal([0, 6, 12], metrics.Evaluations.Select(e => e.Step));
        Assert.Equal(metrics.After!.Loss, metrics.Evaluations[^1].Loss);
        Assert.Equal(Math.Exp(metrics.Before!.Loss), metrics.Before.Perplexity, 9);
        Assert.Equal(runDir.Path, metrics.Settings.OutputDirectory);
        Assert.Contains("device cpu", metrics.Device);
        Assert.Equal(4L * 32, metrics.TokensPerStep);
        Assert.True(metrics.TokensPerSecond > 0);
        Assert.True(metrics.Timings.TrainingSeconds > 0 && metrics.Timings.TotalSeconds >= metrics.Timings.TrainingSeconds);
        Assert.True(metrics.Dataset.TrainSequences > 0 && metrics.Dataset.ValidationSequences > 0);

        var png = File.ReadAllBytes(runDir.Outputs.LossPlot);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A], png[..8]);
        Assert.Equal(LossCurvePlot.Width, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16, 4)));
        Assert.Equal(LossCurvePlot.Height, BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20, 4)));
        Assert.True(png.Length > 10_000, "the plot has content");

        var samples = SamplesFile.Read(runDir.Outputs.Samples);
        Assert.Equal(["greedy", "sampled"], samples.Select(s => s.Decoding));
        Assert.All(samples, s => Assert.Equal("low rank", s.Prompt));
        Assert.All(samples, s => Assert.NotNull(s.After));

        Assert.True(new FileInfo(Path.Combine(runDir.Outputs.Adapter, "adapter_model.safetensors")).Length > 0);
        using var adapterConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(runDir.Outputs.Adapter, "adapter_config.json")));
        Assert.Equal("LORA", adapterConfig.RootElement.GetProperty("peft_type").GetString());
        Assert.Equal(8, adapterConfig.RootElement.GetProperty("r").GetInt32());
    }
}
