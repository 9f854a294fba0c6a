namespace StudyBot.FineTune;

/// <summary>
/// How a child process of the bot (<c>studybot train</c>, <c>studybot sample</c>) notices that the bot is gone.
/// <see cref="TrainerProcessSupervisor"/> gives every child a standard input pipe that it keeps open and never
/// writes; the kernel closes it when the bot exits in any way, SIGKILL and the OOM killer included. With
/// <c>--exit-with-parent</c> (added by <see cref="TrainerProcessLauncher"/>, never by a person at a terminal) the
/// child reads its standard input on a background thread and, at end of input, cancels <see cref="Token"/>: the
/// trainer then saves a checkpoint and exits with <see cref="ExitCode"/>, so a restarted bot never finds it still
/// training the run folder it is about to resume.
/// </summary>
public sealed class TrainerProcessParentWatch : IDisposable
{
    /// <summary>The option (without "--") that asks a verb to stop when its standard input ends.</summary>
    public const string Flag = "exit-with-parent";

    /// <summary>The exit code of a child that stopped because its parent was gone (distinct from the verbs' other codes).</summary>
    public const int ExitCode = 4;

    /// <summary>What the child writes to standard error when it stops for that reason.</summary>
    public const string GoneMessage = "parent gone";

    private readonly CancellationTokenSource _stop;
    private readonly TaskCompletionSource _gone = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private TrainerProcessParentWatch(Stream input, CancellationToken cancellationToken)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // A blocking read on its own background thread: it never keeps the process alive, and needs no polling.
        var thread = new Thread(() => WaitForEndOfInput(input)) { IsBackground = true, Name = "parent watch" };
        thread.Start();
    }

    /// <summary>Cancelled by the caller's token or when the parent is gone.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>True once standard input has ended.</summary>
    public bool ParentGone => _gone.Task.IsCompleted;

    /// <summary>Completes when standard input ends.</summary>
    public Task WhenParentGone => _gone.Task;

    /// <summary>Starts watching <paramref name="input"/> (the process's standard input).</summary>
    public static TrainerProcessParentWatch Start(Stream input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return new TrainerProcessParentWatch(input, cancellationToken);
    }

    public void Dispose() => _stop.Dispose();

    private void WaitForEndOfInput(Stream input)
    {
        var buffer = new byte[256];
        try
        {
            // The bot never writes; anything that arrives anyway is ignored. Only the end of input counts.
            while (input.Read(buffer, 0, buffer.Length) > 0)
            {
            }
        }
        catch (IOException)
        {
            // A broken pipe means the same: nobody is on the other end any more.
        }
        catch (ObjectDisposedException)
        {
        }

        _gone.TrySetResult();
        try
        {
            _stop.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The verb already finished.
        }
    }
}
