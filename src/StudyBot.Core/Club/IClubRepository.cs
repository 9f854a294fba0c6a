namespace StudyBot.Core.Club;

/// <summary>Storage of club schedules, sessions and presenter rotas. Methods are atomic per guild.</summary>
public interface IClubRepository
{
    Task<ClubSchedule?> GetScheduleAsync(ulong guildId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ClubSchedule>> ListSchedulesAsync(CancellationToken cancellationToken);

    Task SaveScheduleAsync(ClubSchedule schedule, CancellationToken cancellationToken);

    Task<ClubSession?> GetSessionAsync(ulong guildId, string sessionId, CancellationToken cancellationToken);

    /// <summary>The stored session with that id, or <paramref name="planned"/> stored as new.</summary>
    Task<ClubSession> EnsureSessionAsync(ClubSession planned, CancellationToken cancellationToken);

    Task SaveSessionAsync(ClubSession session, CancellationToken cancellationToken);

    /// <summary>Reads the stored session, applies <paramref name="change"/> and stores the result as one atomic step,
    /// so answers (RSVPs) given since the caller read it are kept; null when the session is not stored.</summary>
    Task<ClubSession?> UpdateSessionAsync(ulong guildId, string sessionId, Func<ClubSession, ClubSession> change, CancellationToken cancellationToken);

    Task DeleteSessionAsync(ulong guildId, string sessionId, CancellationToken cancellationToken);

    /// <summary>All the guild's sessions, earliest first.</summary>
    Task<IReadOnlyList<ClubSession>> ListSessionsAsync(ulong guildId, CancellationToken cancellationToken);

    /// <summary>Sets (replacing any earlier answer) the member's RSVP; null when the session is not stored.</summary>
    Task<ClubSession?> SetRsvpAsync(ulong guildId, string sessionId, ulong memberId, RsvpAnswer answer, CancellationToken cancellationToken);

    Task<IReadOnlyList<PresenterVolunteer>> ListVolunteersAsync(ulong guildId, CancellationToken cancellationToken);

    /// <summary>False when the member is already on the rota.</summary>
    Task<bool> AddVolunteerAsync(ulong guildId, PresenterVolunteer volunteer, CancellationToken cancellationToken);

    Task<bool> RemoveVolunteerAsync(ulong guildId, ulong memberId, CancellationToken cancellationToken);

    Task RecordPresentationAsync(ulong guildId, ulong memberId, DateTimeOffset at, CancellationToken cancellationToken);
}
