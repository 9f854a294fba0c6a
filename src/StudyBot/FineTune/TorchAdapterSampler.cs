using StudyBot.Core.FineTune;
using StudyBot.Training.Devices;
using StudyBot.Training.Evaluation;
using StudyBot.Training.Lora;
using StudyBot.Training.Models;
using static TorchSharp.torch;

namespace StudyBot.FineTune;

/// <summary>
/// "Sample again": loads the base model with the run's adapter and continues the member's prompt. Runs on its own
/// thread (TorchSharp's dispose scopes are per thread) and one at a time, so samples never compete for memory.
/// </summary>
public sealed class TorchAdapterSampler : IAdapterSampler, IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<string> SampleAsync(AdapterSampleRequest request, CancellationToken cancellationToken)
    {
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await Task.Factory.StartNew(() => Sample(request), cancellationToken, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    private static string Sample(AdapterSampleRequest request)
    {
        try
        {
            var device = TorchDevices.Select(ParseDevice(request.Device)).Device;
            using var scope = NewDisposeScope();
            var model = Gpt2Loader.Load(request.ModelDirectory, device, ScalarType.Float32);
            using var adapter = LoraAdapter.InjectFromDirectory(model.Model, request.AdapterDirectory);
            var options = new GenerationOptions(request.MaxNewTokens, request.Temperature, request.TopK, request.Seed);
            return TextGenerator.Generate(model.Model, model.Tokenizer, model.Config.NPositions, request.Prompt, options, device);
        }
        catch (Exception ex) when (ex is ModelLoadException or IOException or DeviceUnavailableException or InvalidDataException)
        {
            throw new InvalidOperationException($"Could not load the model or adapter to sample: {ex.Message}", ex);
        }
    }

    private static DeviceChoice ParseDevice(string device) => device switch
    {
        "cpu" => DeviceChoice.Cpu,
        _ when device.StartsWith("cuda", StringComparison.Ordinal) => DeviceChoice.Cuda,
        _ => DeviceChoice.Auto,
    };
}
