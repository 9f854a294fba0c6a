namespace StudyBot.FineTune;

/// <summary>Lets an action through at most once per interval (Discord rate-limits message edits).</summary>
public sealed class ProgressThrottle(TimeProvider time, TimeSpan interval)
{
    private DateTimeOffset? _last;

    /// <summary>True (and the interval restarts) when the last permitted action is at least one interval ago.</summary>
    public bool TryTake()
    {
        var now = time.GetUtcNow();
        if (_last is { } last && now - last < interval)
        {
            return false;
        }

        _last = now;
        return true;
    }
}
