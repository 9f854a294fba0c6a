using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace StudyBot.FineTune;

/// <summary>
/// Runs one trainer process: hands each stdout line to a callback, keeps the last lines of stderr, and stops it
/// in one of two ways. <c>kill</c> kills the whole process tree at once (a member's cancel: nothing to keep).
/// <c>stop</c> first asks: it closes the child's standard input, which a child started with
/// <c>--exit-with-parent</c> treats like its parent being gone — the trainer saves a checkpoint and exits — and
/// only if the child is still there after the grace period kills the tree (the bot stopping, the time limit).
/// Whatever the child does (crash, OOM kill, garbage output), the caller gets a <see cref="TrainerExit"/>; only a
/// failure to start throws.
/// <para>
/// The child's standard input is a pipe that stays open, unwritten, until the child has exited: if the bot dies
/// (even by SIGKILL or the OOM killer) the kernel closes it, and a child started with <c>--exit-with-parent</c>
/// stops on that end of input (<see cref="TrainerProcessParentWatch"/>) instead of training on unsupervised.
/// </para>
/// </summary>
public sealed partial class TrainerProcessSupervisor(ILogger<TrainerProcessSupervisor> logger, TimeProvider? time = null)
{
    public const int StandardErrorTailLines = 30;

    /// <param name="killWait">How long the child gets to exit after being asked to stop, and again after a kill.</param>
    /// <param name="kill">Kills the process tree at once.</param>
    /// <param name="stop">Asks the child to stop (end of its standard input), then kills the tree after <paramref name="killWait"/>.</param>
    /// <exception cref="System.ComponentModel.Win32Exception">The program could not be started (e.g. missing).</exception>
    public async Task<TrainerExit> RunAsync(
        TrainerCommandLine command,
        string workingDirectory,
        IReadOnlyDictionary<string, string> environment,
        Func<string, Task> onStandardOutputLine,
        TimeSpan killWait,
        CancellationToken kill,
        CancellationToken stop = default)
    {
        var startInfo = new ProcessStartInfo(command.FileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            // Kept open and never written: its end tells the child that the bot is gone.
            RedirectStandardInput = true,
            UseShellExecute = false,
            CreateNoWindow = true,
        };
        foreach (var argument in command.Arguments)
        {
            startInfo.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            startInfo.Environment[name] = value;
        }

        using var process = new Process { StartInfo = startInfo };
        process.Start();
        LogStarted(logger, process.Id, command.FileName);

        var stderr = new Queue<string>();
        var stdoutTask = PumpAsync(process.StandardOutput, onStandardOutputLine);
        var stderrTask = PumpAsync(process.StandardError, line =>
        {
            lock (stderr)
            {
                stderr.Enqueue(line);
                while (stderr.Count > StandardErrorTailLines)
                {
                    stderr.Dequeue();
                }
            }

            return Task.CompletedTask;
        });

        var killed = false;
        var askedToStop = false;
        using var killOrStop = CancellationTokenSource.CreateLinkedTokenSource(kill, stop);
        try
        {
            await process.WaitForExitAsync(killOrStop.Token);
        }
        catch (OperationCanceledException)
        {
            if (!kill.IsCancellationRequested)
            {
                askedToStop = true;
                await AskToStopAsync(process, killWait, kill);
            }

            if (!process.HasExited)
            {
                killed = true;
                Kill(process);
                using var wait = new CancellationTokenSource(killWait);
                try
                {
                    await process.WaitForExitAsync(wait.Token);
                }
                catch (OperationCanceledException)
                {
                    LogKillTimedOut(logger, process.Id);
                }
            }
        }

        // A grandchild that escaped the kill could hold the pipes open: don't wait for them forever.
        var pumps = Task.WhenAll(stdoutTask, stderrTask);
        if (await Task.WhenAny(pumps, Task.Delay(killWait, CancellationToken.None)) != pumps)
        {
            LogPipesStillOpen(logger, process.Id);
        }

        var exitCode = process.HasExited ? process.ExitCode : -1;
        LogExited(logger, process.Id, exitCode, killed);
        lock (stderr)
        {
            return new TrainerExit(exitCode, killed, stderr.ToList(), askedToStop);
        }
    }

    /// <summary>Closes the child's standard input and waits up to <paramref name="grace"/> (or until a kill) for it to exit.</summary>
    private async Task AskToStopAsync(Process process, TimeSpan grace, CancellationToken kill)
    {
        LogAskedToStop(logger, process.Id);
        try
        {
            process.StandardInput.Close();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or ObjectDisposedException)
        {
            // It exited meanwhile, or its end of the pipe is already gone: the wait below settles it either way.
        }

        using var graceOver = new CancellationTokenSource(grace, time ?? TimeProvider.System);
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(kill, graceOver.Token);
        try
        {
            await process.WaitForExitAsync(wait.Token);
        }
        catch (OperationCanceledException)
        {
            LogStopTimedOut(logger, process.Id, grace.TotalSeconds);
        }
    }

    private void Kill(Process process)
    {
        try
        {
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
            // It exited on its own between the cancellation and the kill.
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            LogKillFailed(logger, e, process.Id);
        }
    }

    private async Task PumpAsync(StreamReader reader, Func<string, Task> onLine)
    {
        try
        {
            while (await reader.ReadLineAsync(CancellationToken.None) is { } line)
            {
                try
                {
                    await onLine(line);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogLineHandlerFailed(logger, e);
                }
            }
        }
        catch (IOException e)
        {
            LogPipeBroken(logger, e);
        }
        catch (ObjectDisposedException)
        {
            // The process object was disposed after a timed-out wait.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Trainer process {Pid} started: {FileName}")]
    private static partial void LogStarted(ILogger logger, int pid, string fileName);

    [LoggerMessage(Level = LogLevel.Information, Message = "Trainer process {Pid} exited with code {ExitCode} (killed: {Killed})")]
    private static partial void LogExited(ILogger logger, int pid, int exitCode, bool killed);

    [LoggerMessage(Level = LogLevel.Information, Message = "Asking trainer process {Pid} to stop (closing its standard input)")]
    private static partial void LogAskedToStop(ILogger logger, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trainer process {Pid} did not stop within {Seconds} s of being asked; killing it")]
    private static partial void LogStopTimedOut(ILogger logger, int pid, double seconds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trainer process {Pid} did not exit within the wait after being killed")]
    private static partial void LogKillTimedOut(ILogger logger, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trainer process {Pid} ended but something still holds its output pipes")]
    private static partial void LogPipesStillOpen(ILogger logger, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not kill trainer process {Pid}")]
    private static partial void LogKillFailed(ILogger logger, Exception exception, int pid);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Handling a trainer output line failed")]
    private static partial void LogLineHandlerFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the trainer's output failed")]
    private static partial void LogPipeBroken(ILogger logger, Exception exception);
}
