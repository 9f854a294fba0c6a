namespace StudyBot.Core.Club;

/// <summary>Fair rotation: whoever has presented least goes next; ties go to whoever presented longest ago
/// (never first), then to whoever signed up first.</summary>
public static class PresenterRotation
{
    public static IReadOnlyList<PresenterVolunteer> Order(IEnumerable<PresenterVolunteer> volunteers) =>
        volunteers.OrderBy(v => v.TimesPresented)
            .ThenBy(v => v.LastPresentedAt ?? DateTimeOffset.MinValue)
            .ThenBy(v => v.SignedUpAt)
            .ThenBy(v => v.MemberId)
            .ToList();
}
