namespace StudyBot.Core.Club;

/// <summary>Used when no scheduler is running (tests, CLI verbs).</summary>
public sealed class NoClubScheduleListener : IClubScheduleListener
{
    public Task ScheduleChangedAsync(ulong guildId, CancellationToken cancellationToken) => Task.CompletedTask;
}
