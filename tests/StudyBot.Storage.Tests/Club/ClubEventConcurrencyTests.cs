using Microsoft.Extensions.Logging.Abstractions;
using StudyBot.Core.Club;

namespace StudyBot.Storage.Tests.Club;

/// <summary>Club events meeting each other or a member's RSVP on one session, over the real LiteDB file.</summary>
public sealed class ClubEventConcurrencyTests : IDisposable
{
    private static readonly TimeSpan Grace = TimeSpan.FromMinutes(15);
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly ClubFixture _f = new();

    public void Dispose() => _f.Dispose();

    [Fact]
    public async Task A_pick_and_a_reminder_due_together_take_one_paper_from_the_queue_between_them()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Bob, "gpt-2", default);
        var plan = await _f.Planner.PlanAsync(ClubFixture.Guild, default);
        var pick = plan.First(e => e.SessionId == "2026-03-19" && e.Kind == ClubEventKind.Pick);
        var reminder = plan.First(e => e.SessionId == "2026-03-19" && e.Kind == ClubEventKind.Reminder && e.Offset == TimeSpan.FromHours(24));
        _f.Time.Set(reminder.DueAt);
        // The first write of the session waits until the other event has read it (or a while, if it never can).
        var repository = new GatedClubRepository(_f.Clubs) { HoldFirstWriteUntil = self => self.Ensured >= 2 };
        var events = new ClubEventService(repository, _f.Queue, _f.Log, _f.Announcer, _f.Listener, _f.Time, NullLogger<ClubEventService>.Instance);

        await Task.WhenAll(events.FireAsync(pick, Grace, default), events.FireAsync(reminder, Grace, default));

        var history = Assert.Single(await _f.Queue.ListHistoryAsync(ClubFixture.Guild, 10, default));
        Assert.Single(await _f.Queue.ListAsync(ClubFixture.Guild, default));
        Assert.Equal(history.PaperKey, (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-19", default))!.PaperKey);
    }

    [Fact]
    public async Task An_rsvp_given_while_the_pick_stores_its_paper_is_kept()
    {
        await _f.SetUpBerlinThursdayAsync();
        await _f.QueueService.AddAsync(ClubFixture.Guild, ClubFixture.Alice, "lora", default);
        var pick = (await _f.Planner.PlanAsync(ClubFixture.Guild, default)).First(e => e.SessionId == "2026-03-19" && e.Kind == ClubEventKind.Pick);
        _f.Time.Set(pick.DueAt);
        var rsvpGiven = new TaskCompletionSource();
        var repository = new GatedClubRepository(_f.Clubs) { HoldFirstWriteUntil = _ => rsvpGiven.Task.IsCompleted };
        var events = new ClubEventService(repository, _f.Queue, _f.Log, _f.Announcer, _f.Listener, _f.Time, NullLogger<ClubEventService>.Instance);

        var firing = events.FireAsync(pick, Grace, default);
        await repository.WriteHeld.Task.WaitAsync(Patience);
        await _f.Club.RsvpAsync(ClubFixture.Guild, ClubFixture.Bob, "2026-03-19", RsvpAnswer.Going, default);
        rsvpGiven.SetResult();
        await firing;

        var session = (await _f.Clubs.GetSessionAsync(ClubFixture.Guild, "2026-03-19", default))!;
        Assert.Equal("2106.09685", session.PaperKey);
        Assert.Equal(RsvpAnswer.Going, session.Rsvps[ClubFixture.Bob.UserId]);
    }

    /// <summary>The real repository, except that the first session write waits (up to a few seconds) for a condition.</summary>
    private sealed class GatedClubRepository(IClubRepository inner) : IClubRepository
    {
        private int writes;
        private int ensured;

        public required Func<GatedClubRepository, bool> HoldFirstWriteUntil { get; init; }

        public TaskCompletionSource WriteHeld { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public int Ensured => Volatile.Read(ref ensured);

        public async Task SaveSessionAsync(ClubSession session, CancellationToken cancellationToken)
        {
            await HoldAsync();
            await inner.SaveSessionAsync(session, cancellationToken);
        }

        public async Task<ClubSession?> UpdateSessionAsync(ulong guildId, string sessionId, Func<ClubSession, ClubSession> change, CancellationToken cancellationToken)
        {
            await HoldAsync();
            return await inner.UpdateSessionAsync(guildId, sessionId, change, cancellationToken);
        }

        public Task<ClubSession> EnsureSessionAsync(ClubSession planned, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref ensured);
            return inner.EnsureSessionAsync(planned, cancellationToken);
        }

        private async Task HoldAsync()
        {
            if (Interlocked.Increment(ref writes) != 1)
            {
                return;
            }

            WriteHeld.TrySetResult();
            var deadline = DateTime.UtcNow.AddSeconds(3);
            while (!HoldFirstWriteUntil(this) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(20);
            }
        }

        public Task<ClubSchedule?> GetScheduleAsync(ulong guildId, CancellationToken cancellationToken) => inner.GetScheduleAsync(guildId, cancellationToken);

        public Task<IReadOnlyList<ClubSchedule>> ListSchedulesAsync(CancellationToken cancellationToken) => inner.ListSchedulesAsync(cancellationToken);

        public Task SaveScheduleAsync(ClubSchedule schedule, CancellationToken cancellationToken) => inner.SaveScheduleAsync(schedule, cancellationToken);

        public Task<ClubSession?> GetSessionAsync(ulong guildId, string sessionId, CancellationToken cancellationToken) => inner.GetSessionAsync(guildId, sessionId, cancellationToken);

        public Task DeleteSessionAsync(ulong guildId, string sessionId, CancellationToken cancellationToken) => inner.DeleteSessionAsync(guildId, sessionId, cancellationToken);

        public Task<IReadOnlyList<ClubSession>> ListSessionsAsync(ulong guildId, CancellationToken cancellationToken) => inner.ListSessionsAsync(guildId, cancellationToken);

        public Task<ClubSession?> SetRsvpAsync(ulong guildId, string sessionId, ulong memberId, RsvpAnswer answer, CancellationToken cancellationToken) => inner.SetRsvpAsync(guildId, sessionId, memberId, answer, cancellationToken);

        public Task<IReadOnlyList<PresenterVolunteer>> ListVolunteersAsync(ulong guildId, CancellationToken cancellationToken) => inner.ListVolunteersAsync(guildId, cancellationToken);

        public Task<bool> AddVolunteerAsync(ulong guildId, PresenterVolunteer volunteer, CancellationToken cancellationToken) => inner.AddVolunteerAsync(guildId, volunteer, cancellationToken);

        public Task<bool> RemoveVolunteerAsync(ulong guildId, ulong memberId, CancellationToken cancellationToken) => inner.RemoveVolunteerAsync(guildId, memberId, cancellationToken);

        public Task RecordPresentationAsync(ulong guildId, ulong memberId, DateTimeOffset at, CancellationToken cancellationToken) => inner.RecordPresentationAsync(guildId, memberId, at, cancellationToken);
    }
}
