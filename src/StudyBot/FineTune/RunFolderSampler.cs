using System.Runtime.InteropServices;
using StudyBot.Core.FineTune;
using StudyBot.Training.Devices;
using StudyBot.Training.Evaluation;
using StudyBot.Training.Lora;
using StudyBot.Training.Models;
using StudyBot.Training.Training;
using static TorchSharp.torch;

namespace StudyBot.FineTune;

/// <summary>What <c>studybot sample</c> was asked: a run folder, a prompt and how to decode.</summary>
/// <param name="ModelDirectory">The base model's folder; null: the one in the run's settings.json.</param>
public sealed record RunFolderSampleRequest(
    string RunDirectory,
    string Prompt,
    GenerationOptions Generation,
    DeviceChoice Device,
    string? ModelDirectory = null,
    string? LibTorchDirectory = null);

/// <summary>
/// The body of <c>studybot sample</c>, run in a child process of the bot ("Sample again"): loads the run's base
/// model, injects the trained adapter from RUN/adapter, continues the prompt and writes one
/// <see cref="SamplerOutput"/> line. An unusable folder, model, adapter or device ends with a "failed" line and
/// exit code 1, never a stack trace.
/// </summary>
public static class RunFolderSampler
{
    public const int Succeeded = 0;
    public const int Failed = 1;

    public static int Run(RunFolderSampleRequest request, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            var folder = new FineTuneRunFolder(Path.GetFullPath(request.RunDirectory));
            if (!Directory.Exists(folder.Directory))
            {
                throw new InvalidDataException($"The run folder '{folder.Directory}' does not exist.");
            }

            if (!File.Exists(Path.Combine(folder.Adapter, PeftAdapterConfig.FileName)))
            {
                throw new InvalidDataException($"The run folder '{folder.Directory}' has no trained adapter (adapter/{PeftAdapterConfig.FileName} is missing).");
            }

            var modelDirectory = request.ModelDirectory ?? FineTuneSettingsJson.Load(folder.Settings).ModelDirectory;
            var device = TorchDevices.Select(request.Device, request.LibTorchDirectory).Device;
            using var scope = NewDisposeScope();
            var model = Gpt2Loader.Load(modelDirectory, device, ScalarType.Float32);
            using var adapter = LoraAdapter.InjectFromDirectory(model.Model, folder.Adapter);
            var text = TextGenerator.Generate(model.Model, model.Tokenizer, model.Config.NPositions, request.Prompt, request.Generation, device);
            output.WriteLine(SamplerOutput.Sample(text));
            output.Flush();
            return Succeeded;
        }
        catch (Exception e) when (e is ModelLoadException or IOException or DeviceUnavailableException or InvalidDataException or FineTuneValidationException or UnauthorizedAccessException)
        {
            return Fail(e.Message, output, error);
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or ExternalException)
        {
            return Fail($"{e.GetType().Name}: {e.Message}", output, error);
        }
    }

    private static int Fail(string message, TextWriter output, TextWriter error)
    {
        output.WriteLine(SamplerOutput.Failed(message));
        output.Flush();
        error.WriteLine("studybot sample: " + message);
        return Failed;
    }
}
