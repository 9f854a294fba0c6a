using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using StudyBot.Core.Club;

namespace StudyBot.Scheduling;

/// <summary>Quartz job that announces that a session starts.</summary>
public sealed class ClubSessionStartJob(ClubEventService events, IOptions<ClubSchedulingOptions> options, TimeProvider time, ILogger<ClubSessionStartJob> logger)
    : ClubEventJob(events, options, time, logger);
