using System.Collections.Concurrent;
using StudyBot.Core.Club;

namespace StudyBot.Tests.Scheduling;

/// <summary>The real LiteDB event log with every successful claim also kept in memory, so a test can wait for the
/// outcome of a fired job ("sent", "missed", ...) instead of sleeping.</summary>
internal sealed class RecordingEventLog(IClubEventLog inner) : IClubEventLog
{
    private readonly ConcurrentDictionary<string, string> _claims = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, string> Claims => _claims;

    public async Task<bool> TryRecordAsync(string eventKey, string outcome, DateTimeOffset at, CancellationToken cancellationToken)
    {
        var recorded = await inner.TryRecordAsync(eventKey, outcome, at, cancellationToken);
        if (recorded)
        {
            _claims[eventKey] = outcome;
        }

        return recorded;
    }

    public Task<bool> IsRecordedAsync(string eventKey, CancellationToken cancellationToken) => inner.IsRecordedAsync(eventKey, cancellationToken);

    public async Task ForgetAsync(string eventKey, CancellationToken cancellationToken)
    {
        await inner.ForgetAsync(eventKey, cancellationToken);
        _claims.TryRemove(eventKey, out _);
    }

    public string? OutcomeOf(string eventKey) => _claims.TryGetValue(eventKey, out var outcome) ? outcome : null;
}
