using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.FineTune;
using StudyBot.Storage.FineTune;
using StudyBot.Training.Devices;
using StudyBot.Training.Evaluation;
using StudyBot.Training.Models;

namespace StudyBot.Tests.FineTune;

/// <summary>
/// "Sample again" for real: the worker trains a tiny random GPT-2 through <c>studybot train</c>, then the button,
/// the prompt form and <c>studybot sample</c> in a child process continue a prompt with the trained adapter.
/// </summary>
public sealed class SampleAgainTests
{
    private static readonly CommandMember Member = new(1, "member1", 0);

    [Fact]
    public async Task Sample_again_continues_the_prompt_with_the_trained_adapter_in_a_child_process_and_survives_broken_run_folders()
    {
        await using var harness = new FineTuneWorkerHarness(o =>
        {
            o.TrainerCommand = null;
            o.TrainerArguments = [];
            o.TrainerTimeout = TimeSpan.FromMinutes(5);
        });
        var modelDirectory = Path.Combine(harness.Options.ModelsDirectory, "tiny-real");
        TinyModelFactory.Create(modelDirectory, new TinyModelOptions(Layers: 1, Embd: 32, Heads: 2, Positions: 64));
        await harness.StartAsync();
        var run = await harness.QueueAsync(script: "exit 99", steps: 10, model: "tiny-real");
        var done = await harness.WaitForStateAsync(run.Id, FineTuneRunState.Succeeded, seconds: 300);
        var runDirectory = harness.Folder(run.Id).Directory;

        var options = Options.Create(harness.Options);
        var supervisor = new TrainerProcessSupervisor(NullLogger<TrainerProcessSupervisor>.Instance);
        using var sampler = new ProcessAdapterSampler(new TrainerProcessLauncher(options), supervisor, options, TimeProvider.System, NullLogger<ProcessAdapterSampler>.Instance);
        using var http = new HttpClient();
        var models = new DirectoryModelCatalog(harness.Options.ModelsDirectory);
        var editor = new FineTuneRunMessageEditor(harness.Runs, harness.Notifier, TimeProvider.System, NullLogger<FineTuneRunMessageEditor>.Instance);
        var service = new FineTuneRequestService(harness.Runs, models, new TestPaperCatalog(), new HttpDatasetFetcher(http), harness.Signal, editor, options, TimeProvider.System);
        var router = new CommandRouter([], [new FineTuneComponentHandler(service, models, sampler)], NullLogger<CommandRouter>.Instance);

        // The button opens the prompt form, filled in with the run's own prompt.
        var form = await router.HandleComponentAsync(new ComponentRequest(Member, 10, 20, 1, FineTuneCustomIds.SampleAgain(run.Id), []), CancellationToken.None);
        Assert.Equal(CommandResponseKind.Modal, form.Kind);
        Assert.Equal(FineTuneCustomIds.PromptModal(run.Id), form.Modal!.CustomId);
        Assert.Equal("Attention", form.Modal.Inputs[0].Value);

        // Broken run folders end their sample with a clear message and nothing else.
        var empty = Directory.CreateDirectory(Path.Combine(harness.Root, "no-adapter")).FullName;
        var noAdapter = await Assert.ThrowsAsync<InvalidOperationException>(() => sampler.SampleAsync(Request(empty, modelDirectory), CancellationToken.None));
        Assert.Equal($"The run folder '{empty}' has no trained adapter (adapter/adapter_config.json is missing).", noAdapter.Message);

        var nowhere = Path.Combine(harness.Root, "no-such-run");
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => sampler.SampleAsync(Request(nowhere, modelDirectory), CancellationToken.None));
        Assert.Equal($"The run folder '{nowhere}' does not exist.", missing.Message);

        var corrupt = Path.Combine(harness.Root, "corrupt");
        CopyDirectory(runDirectory, corrupt);
        File.WriteAllText(Path.Combine(corrupt, "adapter", "adapter_config.json"), "{ not json");
        var bad = await Assert.ThrowsAsync<InvalidOperationException>(() => sampler.SampleAsync(Request(corrupt, modelDirectory), CancellationToken.None));
        Assert.Contains("is not valid JSON", bad.Message, StringComparison.Ordinal);

        // The form's answer: the prompt in bold, then what the base model + adapter wrote.
        var answer = await router.HandleModalSubmitAsync(
            new ModalSubmitRequest(Member, 10, 20, FineTuneCustomIds.PromptModal(run.Id), new Dictionary<string, string> { [FineTuneCustomIds.PromptInput] = "  The paper club " }),
            CancellationToken.None);
        Assert.False(answer.Ephemeral, answer.Content);
        Assert.StartsWith($"🎲 Run **{run.Id}** (tiny-real + LoRA) for member1:\n**The paper club**", answer.Content, StringComparison.Ordinal);

        // Greedy decoding in the child equals greedy decoding with the same adapter in this process.
        var childText = (await sampler.SampleAsync(Request(runDirectory, modelDirectory, temperature: 0), CancellationToken.None)).Text;
        using var output = new StringWriter();
        var exitCode = RunFolderSampler.Run(
            new RunFolderSampleRequest(runDirectory, "The paper club", new GenerationOptions(12, 0, 0, 1), DeviceChoice.Cpu, modelDirectory), output, TextWriter.Null);
        Assert.Equal(RunFolderSampler.Succeeded, exitCode);
        Assert.Equal(("sample", childText), SamplerOutput.Parse(output.ToString().Trim()));
        Assert.NotNull(done.Result);
    }

    private static AdapterSampleRequest Request(string runDirectory, string modelDirectory, double temperature = 0.8) =>
        new(runDirectory, modelDirectory, "The paper club", 12, temperature, 40, 1);

    private static void CopyDirectory(string from, string to)
    {
        foreach (var directory in Directory.EnumerateDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, directory)));
        }

        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)));
        }
    }
}
