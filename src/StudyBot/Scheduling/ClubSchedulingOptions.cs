namespace StudyBot.Scheduling;

/// <summary>The <c>ClubScheduling</c> configuration section.</summary>
public sealed class ClubSchedulingOptions
{
    public const string SectionName = "ClubScheduling";

    /// <summary>How late a reminder or session start may still be posted (after downtime); later ones are skipped.</summary>
    public TimeSpan GracePeriod { get; set; } = TimeSpan.FromMinutes(15);
}
