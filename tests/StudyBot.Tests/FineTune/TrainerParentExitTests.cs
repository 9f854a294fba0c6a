using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.Extensions.Options;
using StudyBot.Core.FineTune;
using StudyBot.FineTune;
using StudyBot.Training.Devices;
using StudyBot.Training.Models;
using StudyBot.Training.Reporting;
using StudyBot.Training.Training;

namespace StudyBot.Tests.FineTune;

/// <summary>
/// The real <c>studybot train</c>, started as the bot's launcher says, on a tiny random GPT-2 on CPU: when its
/// standard input closes (what the kernel does when the bot dies, even by SIGKILL) it saves a checkpoint, says
/// "parent gone" and exits; a second trainer of the same folder (a restarted bot's) waits for the folder lock and
/// resumes from that checkpoint; and a person's <c>studybot train</c> without the flag ignores its standard input.
/// </summary>
public sealed class TrainerParentExitTests : IDisposable
{
    private const int WaitSeconds = 180;
    private readonly string _root = Directory.CreateTempSubdirectory("studybot-parent-exit-").FullName;

    public void Dispose()
    {
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_trainer_started_by_the_bot_saves_a_checkpoint_and_exits_when_its_stdin_closes()
    {
        var runDir = CreateRunFolder(steps: 100_000);
        using var trainer = TrainerChild.Start(BotCommand(runDir));

        await trainer.WaitForLineAsync(l => Type(l) == "progress" && Step(l) >= 2, "the trainer has trained two steps");
        Assert.Null(TrainerProcessLock.TryAcquire(runDir));
        trainer.CloseStandardInput();

        var exitCode = await trainer.WaitForExitAsync();
        Assert.Equal(TrainerProcessParentWatch.ExitCode, exitCode);
        Assert.Contains(TrainerProcessParentWatch.GoneMessage, trainer.Error, StringComparison.Ordinal);
        Assert.Contains(trainer.Lines, l => Type(l) == "checkpoint");
        Assert.Equal("cancelled", Type(trainer.Lines[^1]));
        Assert.True(new RunDirectory(runDir).HasCheckpoint);
        using var released = TrainerProcessLock.TryAcquire(runDir);
        Assert.NotNull(released);
    }

    [Fact]
    public async Task A_trainer_whose_parent_is_killed_with_sigkill_stops_and_releases_the_run_folder()
    {
        var runDir = CreateRunFolder(steps: 100_000, checkpointInterval: 2);
        var parentDir = Directory.CreateDirectory(Path.Combine(_root, "parent")).FullName;
        var bot = BotCommand(runDir);
        // A stand-in bot: holds the trainer's standard input (fifo "in") and output (fifo "out") open, as the bot's
        // supervisor does with its pipes, and is then killed with SIGKILL, so only the kernel closes them.
        using var parent = Process.Start(new ProcessStartInfo("/bin/bash")
        {
            ArgumentList =
            {
                "-c",
                "cd \"$1\" && shift && mkfifo in out && { \"$@\" < in > out 2> err & echo $! > trainer.pid; exec 3> in 4< out; wait; }",
                "parent",
                parentDir,
                bot.FileName,
            },
            UseShellExecute = false,
        }.WithArguments(bot.Arguments))!;
        var pidFile = Path.Combine(parentDir, "trainer.pid");
        try
        {
            await FineTuneWorkerHarness.WaitUntilAsync(() => new RunDirectory(runDir).HasCheckpoint && File.Exists(pidFile), "the trainer has saved a checkpoint", WaitSeconds);
            Assert.Null(TrainerProcessLock.TryAcquire(runDir));

            parent.Kill();

            var trainerPid = File.ReadAllText(pidFile).Trim();
            await FineTuneWorkerHarness.WaitUntilAsync(() => HasExited(trainerPid), "the trainer has exited", WaitSeconds);
        }
        finally
        {
            // A failed test must not leave a trainer behind.
            if (!parent.HasExited)
            {
                parent.Kill(entireProcessTree: true);
            }

            if (File.Exists(pidFile) && int.TryParse(File.ReadAllText(pidFile).Trim(), out var pid) && Directory.Exists($"/proc/{pid}"))
            {
                try
                {
                    using var trainer = Process.GetProcessById(pid);
                    trainer.Kill();
                }
                catch (ArgumentException)
                {
                }
                catch (InvalidOperationException)
                {
                }
            }
        }

        Assert.Contains($"studybot train: {TrainerProcessParentWatch.GoneMessage}", File.ReadAllText(Path.Combine(parentDir, "err")), StringComparison.Ordinal);
        using var released = TrainerProcessLock.TryAcquire(runDir);
        Assert.NotNull(released);
    }

    [Fact]
    public async Task A_second_trainer_of_the_same_folder_waits_for_the_first_and_resumes_from_its_checkpoint()
    {
        var runDir = CreateRunFolder(steps: 100_000);
        using var first = TrainerChild.Start(BotCommand(runDir));
        await first.WaitForLineAsync(l => Type(l) == "progress" && Step(l) >= 2, "the first trainer has trained two steps");

        using var second = TrainerChild.Start(BotCommand(runDir));
        await second.WaitForLineAsync(l => Type(l) == "status" && Message(l).StartsWith("waiting for another trainer", StringComparison.Ordinal), "the second trainer waits for the folder");
        Assert.DoesNotContain(second.Lines, l => Type(l) is "progress" or "checkpoint");

        first.CloseStandardInput();
        Assert.Equal(TrainerProcessParentWatch.ExitCode, await first.WaitForExitAsync());
        var savedStep = first.Lines.Where(l => Type(l) == "checkpoint").Select(Step).Max();

        await second.WaitForLineAsync(l => Type(l) == "status" && Message(l).StartsWith("resumed from step ", StringComparison.Ordinal), "the second trainer resumes");
        Assert.Contains(second.Lines, l => Message(l).StartsWith($"resumed from step {savedStep} ", StringComparison.Ordinal));
        second.CloseStandardInput();
        Assert.Equal(TrainerProcessParentWatch.ExitCode, await second.WaitForExitAsync());
    }

    [Fact]
    public async Task A_person_running_studybot_train_without_the_flag_is_not_stopped_by_stdin_from_dev_null()
    {
        var runDir = CreateRunFolder(steps: 4);
        var bot = BotCommand(runDir);
        var byHand = bot.Arguments.Where(a => a != TrainerProcessLauncher.ExitWithParentOption).ToList();
        Assert.Equal(bot.Arguments.Count - 1, byHand.Count);
        // bash -c 'exec "$0" "$@" < /dev/null' PROGRAM ARGS…: the trainer's standard input is at its end from the start.
        using var trainer = TrainerChild.Start(new TrainerCommandLine("/bin/bash", ["-c", "exec \"$0\" \"$@\" < /dev/null", bot.FileName, .. byHand]));

        var exitCode = await trainer.WaitForExitAsync();

        Assert.True(exitCode == RunExitCodes.Completed, $"exit code {exitCode}: {trainer.Error}");
        Assert.Equal("completed", Type(trainer.Lines[^1]));
        Assert.DoesNotContain(TrainerProcessParentWatch.GoneMessage, trainer.Error, StringComparison.Ordinal);
    }

    private static TrainerCommandLine BotCommand(string runDir)
    {
        var command = new TrainerProcessLauncher(Options.Create(new FineTuneOptions { TrainerCommand = null, TrainerArguments = [] })).Resolve(runDir);
        Assert.Contains(TrainerProcessLauncher.ExitWithParentOption, command.Arguments);
        return command;
    }

    private string CreateRunFolder(int steps, int checkpointInterval = 0)
    {
        var model = Path.Combine(_root, "model");
        if (!Directory.Exists(model))
        {
            TinyModelFactory.Create(model, new TinyModelOptions(Layers: 1, Embd: 32, Heads: 2, Positions: 64));
        }

        var runDir = Path.Combine(_root, "run-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(runDir);
        var data = Path.Combine(runDir, "data.txt");
        File.WriteAllText(data, BuiltInDatasets.Content(BuiltInDatasets.PaperClub));
        RunDirectory.Create(runDir, new FineTuneSettings
        {
            ModelDirectory = model,
            DataPath = data,
            OutputDirectory = runDir,
            Steps = steps,
            BatchSize = 2,
            SequenceLength = 32,
            WarmupSteps = 0,
            Device = DeviceChoice.Cpu,
            CheckpointInterval = checkpointInterval,
            EvalInterval = 0,
            ProgressInterval = 1,
            MaxValidationBatches = 1,
            SampleMaxTokens = 4,
        });
        return runDir;
    }

    /// <summary>Gone, or a zombie waiting for whoever adopted it to reap it.</summary>
    private static bool HasExited(string pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/stat").Contains(") Z ", StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return true;
        }
    }

    private static string? Type(JsonElement line) => line.TryGetProperty("type", out var type) ? type.GetString() : null;

    private static int Step(JsonElement line) => line.TryGetProperty("step", out var step) ? step.GetInt32() : -1;

    private static string Message(JsonElement line) => line.TryGetProperty("message", out var message) ? message.GetString() ?? "" : "";

    /// <summary>A child process with a standard input pipe held by this test (the "bot"), its JSON lines and error output collected.</summary>
    private sealed class TrainerChild : IDisposable
    {
        private readonly Process _process;
        private readonly ConcurrentQueue<JsonElement> _lines = new();
        private readonly ConcurrentQueue<string> _error = new();

        private TrainerChild(Process process) => _process = process;

        public IReadOnlyList<JsonElement> Lines => _lines.ToList();

        /// <summary>Standard error and the JSON lines, for failure messages.</summary>
        public string Error => string.Join('\n', _error.Concat(_lines.Select(l => l.GetRawText())));

        public static TrainerChild Start(TrainerCommandLine command)
        {
            var startInfo = new ProcessStartInfo(command.FileName)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in command.Arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            var child = new TrainerChild(new Process { StartInfo = startInfo });
            child._process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is { Length: > 0 } line && line.StartsWith('{'))
                {
                    child._lines.Enqueue(JsonDocument.Parse(line).RootElement.Clone());
                }
            };
            child._process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    child._error.Enqueue(e.Data);
                }
            };
            child._process.Start();
            child._process.BeginOutputReadLine();
            child._process.BeginErrorReadLine();
            return child;
        }

        /// <summary>What the kernel does to the pipe when the parent dies.</summary>
        public void CloseStandardInput() => _process.StandardInput.Close();

        public Task WaitForLineAsync(Func<JsonElement, bool> predicate, string what) =>
            FineTuneWorkerHarness.WaitUntilAsync(() => _lines.Any(predicate) || ExitedWithout(predicate, what), what, WaitSeconds);

        public async Task<int> WaitForExitAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(WaitSeconds));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                Assert.Fail($"The trainer did not exit within {WaitSeconds} s. Error output:\n{Error}");
            }

            return _process.ExitCode;
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }

            _process.Dispose();
        }

        private bool ExitedWithout(Func<JsonElement, bool> predicate, string what)
        {
            if (!_process.HasExited)
            {
                return false;
            }

            _process.WaitForExit(); // the last output lines are delivered by now
            if (!_lines.Any(predicate))
            {
                Assert.Fail($"The trainer exited with code {_process.ExitCode} before {what}. Error output:\n{Error}");
            }

            return true;
        }
    }
}

/// <summary>Appends arguments to a <see cref="ProcessStartInfo"/> inside an object initializer's expression.</summary>
internal static class ProcessStartInfoArguments
{
    public static ProcessStartInfo WithArguments(this ProcessStartInfo startInfo, IEnumerable<string> arguments)
    {
        foreach (var argument in arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        return startInfo;
    }
}
