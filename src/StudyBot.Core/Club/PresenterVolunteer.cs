namespace StudyBot.Core.Club;

/// <summary>A member on the presenter rota.</summary>
public sealed record PresenterVolunteer(ulong MemberId, DateTimeOffset SignedUpAt, int TimesPresented, DateTimeOffset? LastPresentedAt);
