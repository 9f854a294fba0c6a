using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using StudyBot.Core.Commands;
using StudyBot.Core.FineTune;
using StudyBot.FineTune;
using StudyBot.Storage;
using StudyBot.Storage.FineTune;

namespace StudyBot.Tests.FineTune;

/// <summary>/gpu over a temp LiteDB, and the nvidia-smi reader against sample output and a stand-in program.</summary>
public sealed class GpuCommandTests : IDisposable
{
    private const ulong Guild = 10;
    private const ulong OtherGuild = 11;
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 12, 0, 0, TimeSpan.Zero);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "studybot-gpu-" + Guid.NewGuid().ToString("N"));
    private readonly StudyBotDatabase _database;
    private readonly LiteDbFineTuneRunRepository _runs;

    public GpuCommandTests()
    {
        Directory.CreateDirectory(_root);
        _database = new StudyBotDatabase(Path.Combine(_root, "studybot.db"));
        _runs = new LiteDbFineTuneRunRepository(_database);
    }

    public void Dispose()
    {
        _database.Dispose();
        Directory.Delete(_root, recursive: true);
    }

    [Theory]
    [InlineData("auto", "NVIDIA H100 80GB HBM3, 1234, 81559\n", "cuda", "NVIDIA H100 80GB HBM3", 1234L, 81559L)]
    [InlineData("cuda:1", "  Tesla T4 , 15 , 15360 \r\n", "cuda:1", "Tesla T4", 15L, 15360L)]
    [InlineData("cuda", "NVIDIA A100, [N/A], 40960\nNVIDIA A100, 7, 40960\n", "cuda", "NVIDIA A100", null, 40960L)]
    public void Parse_reads_the_first_gpu_of_nvidia_smis_csv(string device, string csv, string expectedDevice, string name, long? used, long? total)
    {
        Assert.Equal(new GpuStatus(expectedDevice, name, used, total), NvidiaSmiGpuMonitor.Parse(device, csv));
    }

    [Theory]
    [InlineData("")]
    [InlineData("No devices were found\n")]
    [InlineData("NVIDIA-SMI has failed because it couldn't communicate with the NVIDIA driver.")]
    public void Parse_of_unusable_output_reports_the_device_with_unknown_memory(string csv)
    {
        Assert.Equal(new GpuStatus("auto", null, null, null), NvidiaSmiGpuMonitor.Parse("auto", csv));
    }

    [Fact]
    public async Task The_monitor_asks_nvidia_smi_about_the_configured_gpu_index()
    {
        var argsFile = Path.Combine(_root, "args");
        var program = Script("fake-smi", $"echo \"$@\" > '{argsFile}'\necho 'NVIDIA L4, 512, 23034'");
        var monitor = new NvidiaSmiGpuMonitor(Options.Create(new FineTuneOptions { Device = "cuda:2" }), program, TimeSpan.FromSeconds(30));

        var status = await monitor.GetStatusAsync(CancellationToken.None);

        Assert.Equal(new GpuStatus("cuda:2", "NVIDIA L4", 512, 23034), status);
        Assert.Equal("--query-gpu=name,memory.used,memory.total --format=csv,noheader,nounits --id=2", File.ReadAllText(argsFile).Trim());
    }

    [Fact]
    public async Task A_hanging_nvidia_smi_is_killed_and_the_memory_reported_unknown()
    {
        var pidFile = Path.Combine(_root, "pid");
        var program = Script("hanging-smi", $"echo $$ > '{pidFile}'\nexec sleep 60");
        // Long enough for bash to start and write its pid on a busy machine; the script would sleep a minute.
        var monitor = new NvidiaSmiGpuMonitor(Options.Create(new FineTuneOptions { Device = "auto" }), program, TimeSpan.FromSeconds(10));

        var status = await monitor.GetStatusAsync(CancellationToken.None);

        Assert.Equal(new GpuStatus("auto", null, null, null), status);
        var pid = File.ReadAllText(pidFile).Trim();
        await FineTuneWorkerHarness.WaitUntilAsync(() => !IsAlive(pid), "the hanging nvidia-smi is gone", seconds: 10);
    }

    [Fact]
    public async Task A_missing_nvidia_smi_reports_the_configured_device_and_cpu_needs_no_probe()
    {
        var missing = new NvidiaSmiGpuMonitor(Options.Create(new FineTuneOptions { Device = "cuda" }), "/nonexistent/nvidia-smi", TimeSpan.FromSeconds(5));
        Assert.Equal(new GpuStatus("cuda", null, null, null), await missing.GetStatusAsync(CancellationToken.None));

        var cpu = new NvidiaSmiGpuMonitor(Options.Create(new FineTuneOptions { Device = "cpu" }), "/nonexistent/nvidia-smi", TimeSpan.FromSeconds(5));
        Assert.Equal(new GpuStatus("cpu", null, null, null), await cpu.GetStatusAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Gpu_lists_this_servers_runs_by_name_and_only_counts_other_servers_runs()
    {
        await AddAsync(Guild, 1, "alice", running: true);
        await AddAsync(OtherGuild, 2, "mallory", running: true);
        await AddAsync(Guild, 3, "bob", running: false);
        await AddAsync(OtherGuild, 4, "trudy", running: false);
        await AddAsync(OtherGuild, 5, "eve", running: false);
        var handler = new GpuCommandHandler(new FixedGpu(new GpuStatus("cuda", "NVIDIA H100", 2048, 81559)), _runs);

        var response = await handler.HandleAsync(Request(Guild), CancellationToken.None);

        var fields = response.Embeds[0].Fields!.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("cuda · NVIDIA H100", fields["Device"]);
        Assert.Equal("2,048 / 81,559 MiB in use", fields["Memory"]);
        Assert.Equal("3 waiting (1 from this server)", fields["Queue"]);
        Assert.Contains("alice", fields["Running"], StringComparison.Ordinal);
        Assert.Contains("1 run of another server", fields["Running"], StringComparison.Ordinal);
        var everything = string.Join('\n', response.Embeds[0].Fields!.Select(f => f.Value));
        Assert.DoesNotContain("mallory", everything, StringComparison.Ordinal);
        Assert.DoesNotContain("trudy", everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gpu_with_an_idle_device_and_unknown_memory_says_so()
    {
        var handler = new GpuCommandHandler(new FixedGpu(new GpuStatus("cpu", null, null, null)), _runs);

        var response = await handler.HandleAsync(Request(Guild), CancellationToken.None);

        var fields = response.Embeds[0].Fields!.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("cpu", fields["Device"]);
        Assert.Equal("not available", fields["Memory"]);
        Assert.Equal("0 waiting", fields["Queue"]);
        Assert.Equal("nothing", fields["Running"]);
    }

    [Fact]
    public async Task Gpu_shows_the_device_the_running_trainer_reported_and_otherwise_the_last_runs()
    {
        var handler = new GpuCommandHandler(new FixedGpu(new GpuStatus("auto", null, null, null)), _runs);
        var earlier = await AddAsync(OtherGuild, 2, "mallory", running: true);
        await _runs.UpdateAsync(earlier.Id, r => r.RecordDevice("cpu (libtorch packaged with TorchSharp 2.5.1)").Succeed(Result(), T0), CancellationToken.None);
        await AddAsync(Guild, 3, "bob", running: false);

        var idle = (await handler.HandleAsync(Request(Guild), CancellationToken.None)).Embeds[0].Fields!.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("cpu (libtorch packaged with TorchSharp 2.5.1)", idle["Last run trained on"]);

        var current = await AddAsync(Guild, 1, "alice", running: true);
        await _runs.UpdateAsync(current.Id, r => r.RecordDevice("cuda:0 [NVIDIA H200] (libtorch from /opt/torch/lib 2.5.1)"), CancellationToken.None);

        var busy = (await handler.HandleAsync(Request(Guild), CancellationToken.None)).Embeds[0].Fields!.ToDictionary(f => f.Name, f => f.Value);
        Assert.Equal("cuda:0 [NVIDIA H200] (libtorch from /opt/torch/lib 2.5.1)", busy["Running on"]);
        Assert.False(busy.ContainsKey("Last run trained on"));
    }

    [Theory]
    [InlineData("device cpu; libtorch packaged with TorchSharp 2.5.1 (/a/libtorch_cpu.so, /b/x.so); CUDA available: no; CPU threads: 8", "cpu (libtorch packaged with TorchSharp 2.5.1)")]
    [InlineData("device cuda:0 [NVIDIA H200]; libtorch from /opt/torch/lib 2.5.1 (/opt/torch/lib/libtorch_cpu.so); CUDA available: yes; CPU threads: 16", "cuda:0 [NVIDIA H200] (libtorch from /opt/torch/lib 2.5.1)")]
    [InlineData("device cpu; libtorch packaged with TorchSharp 2.5.1; CUDA available: yes; CPU threads: 8", "cpu (libtorch packaged with TorchSharp 2.5.1) — CUDA was available but not used")]
    [InlineData("loading model from /models/tiny", null)]
    [InlineData("selecting device", null)]
    public void The_trainers_device_line_is_shortened_for_chat(string status, string? expected)
    {
        Assert.Equal(expected, TrainingDeviceLine.Describe(status));
    }

    private static FineTuneResult Result() => new(3, 2, 20, 7, [], null, null, null, false, TimeSpan.FromMinutes(1));

    private static CommandRequest Request(ulong guild) => new(new CommandMember(1, "alice", 0), guild, 20, "gpu", CommandOptionSet.Empty);

    private async Task<FineTuneRun> AddAsync(ulong guild, ulong user, string name, bool running)
    {
        var settings = new FineTuneRunSettings("tiny", new FineTuneDatasetSource(FineTuneDatasetKind.BuiltInSample, BuiltInDatasets.PaperClub, null, 10),
            4, 8, ["c_attn"], 20, 1e-3, 64, 1, null);
        var run = await _runs.AddAsync(id => FineTuneRun.Request(id, guild, 20, new FineTuneRequester(user, name), settings, new string('c', 64), T0), CancellationToken.None);
        return await _runs.UpdateAsync(run.Id, r => running ? r.Submit(false, T0).Start(T0) : r.Submit(false, T0), CancellationToken.None);
    }

    private string Script(string name, string body)
    {
        var path = Path.Combine(_root, name);
        File.WriteAllText(path, "#!/bin/bash\n" + body + "\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }
        return path;
    }

    private static bool IsAlive(string pid) =>
        Directory.Exists($"/proc/{pid}") && File.Exists($"/proc/{pid}/stat") && !ReadStat(pid).Contains(") Z ", StringComparison.Ordinal);

    private static string ReadStat(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat");
        }
        catch (IOException)
        {
            return ") Z ";
        }
    }

    private sealed class FixedGpu(GpuStatus status) : IGpuMonitor
    {
        public Task<GpuStatus> GetStatusAsync(CancellationToken cancellationToken) => Task.FromResult(status);
    }
}
