namespace StudyBot.Core.Club;

/// <summary>Told when a guild's plan changed (setup, skip, a session ended) so the scheduler can rebuild its triggers.</summary>
public interface IClubScheduleListener
{
    Task ScheduleChangedAsync(ulong guildId, CancellationToken cancellationToken);
}
