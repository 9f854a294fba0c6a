using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using StudyBot.Core.FineTune;
using StudyBot.FineTune;

namespace StudyBot.Tests.FineTune;

/// <summary>
/// <see cref="ProcessAdapterSampler"/> against stand-in sampler programs (a configured TrainerCommand without
/// arguments is run as <c>PROGRAM sample …</c>): crashes, kills and hangs end the request with a message.
/// </summary>
public sealed class SamplerProcessTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("studybot-sampler-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task The_sampler_gets_the_verb_the_prompt_as_one_argument_and_the_device_settings()
    {
        var argsFile = Path.Combine(_root, "args");
        var envFile = Path.Combine(_root, "env");
        var program = Script($$"""
            printf '%s\n' "$@" > '{{argsFile}}'
            echo "$CUDA_VISIBLE_DEVICES" > '{{envFile}}'
            echo 'loading libtorch'
            echo '{"type":"sample","text":" is all you need"}'
            """);
        using var sampler = Sampler(program, o => o.Device = "cuda:1");

        var sample = await sampler.SampleAsync(new AdapterSampleRequest(_root, "/models/tiny", "--not an option", 12, 0.8, 40, 7), CancellationToken.None);

        Assert.Equal(new AdapterSample(" is all you need", "cuda:1", null), sample);
        Assert.Equal(
            ["sample", "--run-dir", _root, "--model", "/models/tiny", "--prompt=--not an option", "--max-tokens", "12", "--temperature", "0.8", "--top-k", "40", "--seed", "7", "--device", "cuda", "--exit-with-parent"],
            File.ReadAllLines(argsFile));
        Assert.Equal("1", File.ReadAllText(envFile).Trim());
    }

    [Fact]
    public async Task A_sampler_that_crashes_ends_the_request_with_its_last_error_line()
    {
        using var sampler = Sampler(Script("echo 'Fatal error. System.AccessViolationException' >&2\necho '   at TorchSharp.Native()' >&2\nexit 134"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sampler.SampleAsync(Request(), CancellationToken.None));

        Assert.Equal("the sampler exited with code 134: at TorchSharp.Native()", error.Message);
    }

    [Fact]
    public async Task A_sampler_killed_like_by_the_oom_killer_gets_a_memory_hint()
    {
        using var sampler = Sampler(Script("kill -9 $$"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sampler.SampleAsync(Request(), CancellationToken.None));

        Assert.Contains("ran out of memory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sampler_reporting_failure_passes_its_message_on()
    {
        using var sampler = Sampler(Script("echo '{\"type\":\"failed\",\"message\":\"Model folder /m does not exist.\"}'\nexit 1"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sampler.SampleAsync(Request(), CancellationToken.None));

        Assert.Equal("Model folder /m does not exist.", error.Message);
    }

    [Fact]
    public async Task A_hanging_sampler_is_killed_at_the_time_limit()
    {
        var pidFile = Path.Combine(_root, "child.pid");
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var sampler = Sampler(Script($"sleep 60 &\necho $! > '{pidFile}'\nwait"), o => o.SampleTimeout = TimeSpan.FromMinutes(2), clock);

        var sampling = sampler.SampleAsync(Request(), CancellationToken.None);
        await FineTuneWorkerHarness.WaitUntilAsync(() => File.Exists(pidFile) && File.ReadAllText(pidFile).Trim().Length > 0, "the sampler started its child");
        clock.Advance(TimeSpan.FromMinutes(2));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sampling);
        Assert.Equal("it took longer than 2m 00s and was stopped.", error.Message);
        var childPid = File.ReadAllText(pidFile).Trim();
        await FineTuneWorkerHarness.WaitUntilAsync(
            () => !Directory.Exists($"/proc/{childPid}") || File.ReadAllText($"/proc/{childPid}/stat").Contains(") Z ", StringComparison.Ordinal),
            "the sampler's child is gone", seconds: 10);
    }

    [Fact]
    public async Task A_missing_sampler_program_is_a_clear_message()
    {
        using var sampler = Sampler("/nonexistent/studybot");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => sampler.SampleAsync(Request(), CancellationToken.None));

        Assert.Contains("could not be started", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("auto", true, "cpu", true)]
    [InlineData("cuda", true, "cpu", true)]
    [InlineData("cuda:1", true, "cpu", true)]
    [InlineData("cpu", true, "cpu", false)]
    [InlineData("auto", false, "auto", false)]
    [InlineData("cuda:1", false, "cuda:1", false)]
    [InlineData("cpu", false, "cpu", false)]
    public void While_a_run_trains_a_gpu_or_auto_device_samples_on_the_cpu_and_says_so(string configured, bool training, string expected, bool noted)
    {
        var choice = SampleDevicePolicy.Choose(configured, training);

        Assert.Equal(expected, choice.Device);
        Assert.Equal(noted ? SampleDevicePolicy.OnCpuWhileTrainingNote : null, choice.Note);
    }

    [Fact]
    public async Task While_the_worker_trains_a_run_the_sampler_child_is_told_cpu()
    {
        var argsFile = Path.Combine(_root, "args");
        var program = Script($$"""
            printf '%s\n' "$@" > '{{argsFile}}'
            echo '{"type":"sample","text":" low rank"}'
            """);
        var signal = new FineTuneQueueSignal();
        using var sampler = Sampler(program, o => o.Device = "auto", training: signal);

        using (signal.Register("r7"))
        {
            var sample = await sampler.SampleAsync(Request(), CancellationToken.None);
            Assert.Equal(new AdapterSample(" low rank", "cpu", SampleDevicePolicy.OnCpuWhileTrainingNote), sample);
            Assert.Equal("cpu", File.ReadAllLines(argsFile).SkipWhile(a => a != "--device").ElementAt(1));
        }

        signal.Unregister("r7");
        var idle = await sampler.SampleAsync(Request(), CancellationToken.None);
        Assert.Equal(new AdapterSample(" low rank", "auto", null), idle);
        Assert.Equal("auto", File.ReadAllLines(argsFile).SkipWhile(a => a != "--device").ElementAt(1));
    }

    [Fact]
    public async Task Built_by_the_container_the_sampler_sees_the_workers_runs()
    {
        var argsFile = Path.Combine(_root, "args");
        var program = Script($$"""
            printf '%s\n' "$@" > '{{argsFile}}'
            echo '{"type":"sample","text":" low rank"}'
            """);
        var services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton(Options.Create(new FineTuneOptions { TrainerCommand = program, Device = "cuda" }))
            .AddSingleton<TrainerProcessLauncher>()
            .AddSingleton<TrainerProcessSupervisor>()
            .AddSingleton<FineTuneQueueSignal>()
            .AddSingleton<IAdapterSampler, ProcessAdapterSampler>();
        using var provider = services.BuildServiceProvider();
        var signal = provider.GetRequiredService<FineTuneQueueSignal>();
        var sampler = provider.GetRequiredService<IAdapterSampler>();

        using (signal.Register("r7"))
        {
            Assert.Equal("cpu", (await sampler.SampleAsync(Request(), CancellationToken.None)).Device);
        }
    }

    private AdapterSampleRequest Request() => new(_root, "/models/tiny", "The paper", 12, 0.8, 40, 1);

    private ProcessAdapterSampler Sampler(string program, Action<FineTuneOptions>? configure = null, TimeProvider? time = null, FineTuneQueueSignal? training = null)
    {
        var options = new FineTuneOptions { TrainerCommand = program, Device = "cpu", KillGracePeriod = TimeSpan.FromSeconds(5) };
        configure?.Invoke(options);
        var wrapped = Options.Create(options);
        return new ProcessAdapterSampler(
            new TrainerProcessLauncher(wrapped), new TrainerProcessSupervisor(NullLogger<TrainerProcessSupervisor>.Instance), wrapped, time ?? TimeProvider.System,
            NullLogger<ProcessAdapterSampler>.Instance, training);
    }

    private string Script(string body)
    {
        var path = Path.Combine(_root, "sampler-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(path, "#!/bin/bash\n" + body.ReplaceLineEndings("\n") + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }
}
