namespace StudyBot.Core.Club;

public sealed record RsvpCounts(int Going, int Maybe, int NotGoing)
{
    public static RsvpCounts Of(IReadOnlyDictionary<ulong, RsvpAnswer> rsvps) => new(
        rsvps.Values.Count(a => a == RsvpAnswer.Going),
        rsvps.Values.Count(a => a == RsvpAnswer.Maybe),
        rsvps.Values.Count(a => a == RsvpAnswer.NotGoing));
}
