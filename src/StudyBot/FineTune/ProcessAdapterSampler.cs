using System.ComponentModel;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>
/// "Sample again" in a child process (<c>studybot sample --run-dir DIR --prompt TEXT</c>), run through the same
/// supervisor as the trainer: libtorch folder and device passed the same way, a time limit, the process tree killed
/// on timeout or cancel. A crash or out-of-memory kill of the sampler ends this request with a message; the bot
/// process never loads TorchSharp for it. One sample at a time, so samples never compete for memory; and while a
/// run trains (<paramref name="training"/>) a GPU device is swapped for the CPU (<see cref="SampleDevicePolicy"/>), so
/// a sample never competes with the run for the GPU's memory.
/// </summary>
public sealed partial class ProcessAdapterSampler(
    TrainerProcessLauncher launcher,
    TrainerProcessSupervisor supervisor,
    IOptions<FineTuneOptions> options,
    TimeProvider time,
    ILogger<ProcessAdapterSampler> logger,
    FineTuneQueueSignal? training = null) : IAdapterSampler, IDisposable
{
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);

    public async Task<AdapterSample> SampleAsync(AdapterSampleRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            return await RunAsync(request, options.Value, cancellationToken);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    public void Dispose() => _oneAtATime.Dispose();

    /// <summary>The verb's arguments for a request (the prompt as one <c>--prompt=…</c>, so a prompt starting with "--" is kept).</summary>
    public static IReadOnlyList<string> Arguments(AdapterSampleRequest request, string device) =>
    [
        "sample",
        "--run-dir", request.RunDirectory,
        "--model", request.ModelDirectory,
        "--prompt=" + request.Prompt,
        "--max-tokens", request.MaxNewTokens.ToString(CultureInfo.InvariantCulture),
        "--temperature", request.Temperature.ToString("R", CultureInfo.InvariantCulture),
        "--top-k", request.TopK.ToString(CultureInfo.InvariantCulture),
        "--seed", request.Seed.ToString(CultureInfo.InvariantCulture),
        "--device", TrainerEnvironment.ChildDevice(device),
    ];

    private async Task<AdapterSample> RunAsync(AdapterSampleRequest request, FineTuneOptions settings, CancellationToken cancellationToken)
    {
        var device = SampleDevicePolicy.Choose(settings.Device, training?.IsTraining == true);
        var command = launcher.ResolveSampler(Arguments(request, device.Device));
        string? text = null;
        string? failure = null;
        using var timeout = new CancellationTokenSource(settings.SampleTimeout, time);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        var workingDirectory = Directory.Exists(request.RunDirectory) ? request.RunDirectory : Environment.CurrentDirectory;

        TrainerExit exit;
        try
        {
            exit = await supervisor.RunAsync(
                command,
                workingDirectory,
                TrainerEnvironment.For(settings),
                line =>
                {
                    switch (SamplerOutput.Parse(line))
                    {
                        case ("sample", var value):
                            text = value;
                            break;
                        case ("failed", var value):
                            failure = value;
                            break;
                    }

                    return Task.CompletedTask;
                },
                settings.KillGracePeriod,
                stop.Token);
        }
        catch (Win32Exception e)
        {
            LogStartFailed(logger, e, command.ToString());
            throw new InvalidOperationException("the sampler could not be started; an admin should check the bot's trainer setup.", e);
        }

        cancellationToken.ThrowIfCancellationRequested();
        if (exit.Killed)
        {
            LogTimedOut(logger, request.RunDirectory);
            throw new InvalidOperationException($"it took longer than {FineTuneMessages.Duration(settings.SampleTimeout)} and was stopped.");
        }

        if (exit.ExitCode == 0 && text is not null)
        {
            return new AdapterSample(text, device.Device, device.Note);
        }

        var lastError = exit.StandardErrorTail.LastOrDefault(l => !string.IsNullOrWhiteSpace(l))?.Trim();
        LogFailed(logger, request.RunDirectory, exit.ExitCode, lastError ?? "(no error output)");
        throw new InvalidOperationException(failure ?? exit.ExitCode switch
        {
            137 => "the sampler was killed (exit code 137), most often because it ran out of memory.",
            0 => "the sampler exited without a sample.",
            _ => $"the sampler exited with code {exit.ExitCode}{(lastError is null ? "." : $": {FineTuneRunExecutor.Shorten(lastError)}")}",
        });
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The sampler could not be started: {Command}")]
    private static partial void LogStartFailed(ILogger logger, Exception exception, string command);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sampling from {RunDirectory} ran past its time limit and was stopped")]
    private static partial void LogTimedOut(ILogger logger, string runDirectory);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sampling from {RunDirectory} failed with exit code {ExitCode}: {LastError}")]
    private static partial void LogFailed(ILogger logger, string runDirectory, int exitCode, string lastError);
}
