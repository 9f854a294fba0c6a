namespace StudyBot.Core.FineTune;

/// <summary>Stored fine-tune runs. Changes go through <see cref="UpdateAsync"/>, which applies a state transition
/// atomically, so the worker and a cancel command racing on one run never lose an update.</summary>
public interface IFineTuneRunRepository
{
    /// <summary>Stores a new run under the next free short id ("r1", "r2", …) that <paramref name="create"/> receives.</summary>
    Task<FineTuneRun> AddAsync(Func<string, FineTuneRun> create, CancellationToken cancellationToken);

    Task<FineTuneRun?> FindAsync(string runId, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the run, applies <paramref name="change"/> and stores the result as one atomic step; returns the stored
    /// run. When <paramref name="change"/> throws (e.g. <see cref="FineTuneTransitionException"/>), nothing is stored
    /// and the exception propagates. Throws <see cref="KeyNotFoundException"/> for an unknown id.
    /// </summary>
    Task<FineTuneRun> UpdateAsync(string runId, Func<FineTuneRun, FineTuneRun> change, CancellationToken cancellationToken);

    /// <summary>All runs in the given states, oldest request first.</summary>
    Task<IReadOnlyList<FineTuneRun>> ListByStateAsync(IReadOnlyCollection<FineTuneRunState> states, CancellationToken cancellationToken);

    /// <summary>The guild's most recently requested runs, newest first.</summary>
    Task<IReadOnlyList<FineTuneRun>> ListRecentAsync(ulong guildId, int limit, CancellationToken cancellationToken);

    /// <summary>The most recently requested runs of every server, newest first.</summary>
    Task<IReadOnlyList<FineTuneRun>> ListLatestAsync(int limit, CancellationToken cancellationToken);

    /// <summary>The member's runs requested since <paramref name="since"/> plus any of theirs that are still active.</summary>
    Task<IReadOnlyList<FineTuneRun>> ListForMemberAsync(ulong guildId, ulong userId, DateTimeOffset since, CancellationToken cancellationToken);

    /// <summary>The user's runs in every server requested since <paramref name="since"/> plus any of theirs that are
    /// still active: the GPU queue is shared, so per-member limits count across servers.</summary>
    Task<IReadOnlyList<FineTuneRun>> ListForUserAsync(ulong userId, DateTimeOffset since, CancellationToken cancellationToken);
}
