using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Club;

namespace StudyBot.Scheduling;

/// <summary>Quartz job that picks the session's paper from the top of the queue and announces it.</summary>
public sealed class ClubPickJob(ClubEventService events, IOptions<ClubSchedulingOptions> options, TimeProvider time, ILogger<ClubPickJob> logger)
    : ClubEventJob(events, options, time, logger);
