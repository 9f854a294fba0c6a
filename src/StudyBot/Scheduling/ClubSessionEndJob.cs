using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Club;

namespace StudyBot.Scheduling;

/// <summary>Quartz job that records attendance when a session ends and plans the next.</summary>
public sealed class ClubSessionEndJob(ClubEventService events, IOptions<ClubSchedulingOptions> options, TimeProvider time, ILogger<ClubSessionEndJob> logger)
    : ClubEventJob(events, options, time, logger);
