using System.Diagnostics;
using System.Globalization;

namespace StudyBot.FineTune;

/// <summary>
/// RUN/trainer.lock: held by <c>studybot train</c> for as long as it works in the run folder, so two trainers never
/// write the same checkpoints (e.g. a bot restarted after a SIGKILL while its old trainer still runs).
/// <para>
/// The lock is the operating system's exclusive file lock (a <see cref="FileStream"/> opened with
/// <see cref="FileShare.None"/>, which .NET takes with flock on Linux), not the file's existence or a pid in it:
/// the kernel releases it when the holder exits in any way, SIGKILL included, so it can never go stale and a reused
/// pid can never be mistaken for a live trainer. The holder writes its pid and start time into the file only for a
/// person looking at the folder. The file itself stays (deleting it on release would let two processes lock two
/// different files of the same name). Setting DOTNET_SYSTEM_IO_DISABLEFILELOCKING turns .NET's file locks, and so
/// this protection, off.
/// </para>
/// <para>
/// Waiting rather than killing: the old trainer of a restarted bot stops on its own (it watches its standard input,
/// <see cref="TrainerProcessParentWatch"/>) after saving a checkpoint, which the new one then resumes from. A folder
/// held by a trainer that a person started by hand is waited for until the run is cancelled or times out.
/// </para>
/// </summary>
public sealed class TrainerProcessLock : IDisposable
{
    public const string FileName = "trainer.lock";

    private const int LinuxWouldBlock = 11;
    private const int MacWouldBlock = 35;
    private const int WindowsSharingViolation = unchecked((int)0x80070020);

    /// <summary>How often a waiter tries again.</summary>
    public static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly FileStream _stream;

    private TrainerProcessLock(FileStream stream) => _stream = stream;

    public static string PathIn(string runDirectory) => Path.Combine(runDirectory, FileName);

    /// <summary>The lock, or null while another process (or another handle in this one) holds it.</summary>
    /// <exception cref="IOException">The run folder is missing or not writable.</exception>
    public static TrainerProcessLock? TryAcquire(string runDirectory)
    {
        var path = PathIn(runDirectory);
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException e) when (IsHeld(e))
        {
            return null;
        }

        try
        {
            using var self = Process.GetCurrentProcess();
            var holder = string.Create(CultureInfo.InvariantCulture, $"pid {Environment.ProcessId} started {self.StartTime.ToUniversalTime():O}\n");
            stream.SetLength(0);
            stream.Write(System.Text.Encoding.UTF8.GetBytes(holder));
            stream.Flush();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or NotSupportedException or System.ComponentModel.Win32Exception)
        {
            // Only informational; the lock is what counts.
        }

        return new TrainerProcessLock(stream);
    }

    /// <summary>
    /// Takes the lock, waiting while another trainer holds it; <paramref name="onWaiting"/> is called once, when
    /// the first try finds it held. Null when <paramref name="runDirectory"/> does not exist (nothing to protect).
    /// </summary>
    public static async Task<TrainerProcessLock?> AcquireAsync(string runDirectory, TimeProvider time, Action onWaiting, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(onWaiting);
        var told = false;
        while (true)
        {
            if (!Directory.Exists(runDirectory))
            {
                return null;
            }

            if (TryAcquire(runDirectory) is { } acquired)
            {
                return acquired;
            }

            if (!told)
            {
                told = true;
                onWaiting();
            }

            await Task.Delay(RetryInterval, time, cancellationToken);
        }
    }

    /// <summary>Waits until no trainer holds the run folder (true at once when the folder or lock file is missing).</summary>
    public static async Task WaitUntilFreeAsync(string runDirectory, TimeProvider time, Action onWaiting, CancellationToken cancellationToken)
    {
        if (!File.Exists(PathIn(runDirectory)))
        {
            return;
        }

        using var probe = await AcquireAsync(runDirectory, time, onWaiting, cancellationToken);
    }

    /// <summary>Releases the lock (the file stays, emptied).</summary>
    public void Dispose()
    {
        try
        {
            _stream.SetLength(0);
        }
        catch (IOException)
        {
        }

        _stream.Dispose();
    }

    // What FileStream throws when flock finds the file locked: a plain IOException whose HResult is the errno
    // EWOULDBLOCK (11 on Linux, 35 on macOS), or Windows' sharing violation. Any other I/O error is the caller's.
    private static bool IsHeld(IOException e) =>
        e.GetType() == typeof(IOException) && e.HResult is LinuxWouldBlock or MacWouldBlock or WindowsSharingViolation;
}
