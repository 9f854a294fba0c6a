using StudyBot.Core.Club;

namespace StudyBot.Storage.Tests.Club;

internal sealed class RecordingScheduleListener : IClubScheduleListener
{
    public List<ulong> Changed { get; } = [];

    public Task ScheduleChangedAsync(ulong guildId, CancellationToken cancellationToken)
    {
        Changed.Add(guildId);
        return Task.CompletedTask;
    }
}
