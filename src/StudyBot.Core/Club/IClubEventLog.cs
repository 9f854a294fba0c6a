namespace StudyBot.Core.Club;

/// <summary>The record of club events already handled, which makes firing idempotent across restarts.</summary>
public interface IClubEventLog
{
    /// <summary>Records the event atomically; false when it was recorded before (nothing changes then).</summary>
    Task<bool> TryRecordAsync(string eventKey, string outcome, DateTimeOffset at, CancellationToken cancellationToken);

    Task<bool> IsRecordedAsync(string eventKey, CancellationToken cancellationToken);

    /// <summary>Removes a record (used when the announcement failed after the event was claimed).</summary>
    Task ForgetAsync(string eventKey, CancellationToken cancellationToken);
}
