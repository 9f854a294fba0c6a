using System.Collections.Concurrent;
using System.Threading.Channels;
using StudyBot.Core.FineTune;

namespace StudyBot.FineTune;

/// <summary>Wakes the worker and holds the cancellation source of each run it is training.</summary>
public sealed class FineTuneQueueSignal : IFineTuneQueueSignal
{
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _running = new(StringComparer.Ordinal);

    public void QueueChanged() => _wake.Writer.TryWrite(true);

    public bool CancelRunning(string runId)
    {
        if (!_running.TryGetValue(runId, out var source))
        {
            return false;
        }

        try
        {
            source.Cancel();
        }
        catch (ObjectDisposedException)
        {
            return false;
        }

        return true;
    }

    /// <summary>Registers a run about to be trained; the returned source is cancelled by <see cref="CancelRunning"/>.
    /// The worker registers a run before it marks it running, so a cancel never finds a running run of this process
    /// unregistered; registering it again (the executor does) returns the same source.</summary>
    public CancellationTokenSource Register(string runId) => _running.GetOrAdd(runId, _ => new CancellationTokenSource());

    public void Unregister(string runId) => _running.TryRemove(runId, out _);

    /// <summary>A trainer of this bot is working on a run (from just before its start until it has exited).</summary>
    public bool IsTraining => !_running.IsEmpty;

    /// <summary>Waits until <see cref="QueueChanged"/> is called or <paramref name="timeout"/> passes.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            await _wake.Reader.ReadAsync(timeoutSource.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The poll interval passed.
        }
    }
}
