using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Club;

namespace StudyBot.Scheduling;

/// <summary>Quartz job that posts a reminder before a session.</summary>
public sealed class ClubReminderJob(ClubEventService events, IOptions<ClubSchedulingOptions> options, TimeProvider time, ILogger<ClubReminderJob> logger)
    : ClubEventJob(events, options, time, logger);
