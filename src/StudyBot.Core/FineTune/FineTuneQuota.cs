namespace StudyBot.Core.FineTune;

/// <summary>Per-member limits checked before a run is stored.</summary>
public static class FineTuneQuota
{
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>A member-facing reason the member may not request another run now, or null when they may.</summary>
    /// <param name="memberRuns">The member's runs (any state) requested within the last 24 hours plus any still active.</param>
    public static string? Check(IEnumerable<FineTuneRun> memberRuns, DateTimeOffset now, FineTuneOptions options)
    {
        var runs = memberRuns.ToList();
        var active = runs.Count(r => !r.IsFinal);
        if (active >= options.MaxActiveRunsPerMember)
        {
            return $"You already have {active} run{(active == 1 ? "" : "s")} waiting or training " +
                   $"(limit {options.MaxActiveRunsPerMember}). Wait for one to finish or cancel it with `/finetune cancel`.";
        }

        var recent = runs.Where(r => now - r.RequestedAt < Window).OrderBy(r => r.RequestedAt).ToList();
        if (recent.Count >= options.MaxRunsPerMemberPerDay)
        {
            var freesAt = recent[recent.Count - options.MaxRunsPerMemberPerDay].RequestedAt + Window;
            return $"You have requested {recent.Count} runs in the last 24 hours (limit {options.MaxRunsPerMemberPerDay}). " +
                   $"You can request the next one <t:{freesAt.ToUnixTimeSeconds()}:R>.";
        }

        return null;
    }
}
