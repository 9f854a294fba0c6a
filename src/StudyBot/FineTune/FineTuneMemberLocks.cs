namespace StudyBot.FineTune;

/// <summary>
/// One lock per member (Discord user, in every server: the limits count across servers, as the GPU queue is shared)
/// around a /finetune start's quota check and the insert of its run: two quick requests by one member then take
/// turns, so the second sees the first and both cannot slip under the limit, even when sent from two servers.
/// Members never wait for each other. Entries are dropped when no request holds or awaits them.
/// </summary>
public sealed class FineTuneMemberLocks
{
    private readonly Dictionary<ulong, Entry> _entries = [];

    /// <summary>Waits for the member's lock; disposing the result releases it.</summary>
    public async Task<IDisposable> EnterAsync(ulong userId, CancellationToken cancellationToken)
    {
        var key = userId;
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries[key] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Semaphore.WaitAsync(cancellationToken);
        }
        catch
        {
            Leave(key, entry, release: false);
            throw;
        }

        return new Releaser(this, key, entry);
    }

    /// <summary>Members with a request holding or awaiting their lock (for tests and diagnostics).</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    private void Leave(ulong key, Entry entry, bool release)
    {
        if (release)
        {
            entry.Semaphore.Release();
        }

        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Semaphore.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Releaser(FineTuneMemberLocks owner, ulong key, Entry entry) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                owner.Leave(key, entry, release: true);
            }
        }
    }
}
