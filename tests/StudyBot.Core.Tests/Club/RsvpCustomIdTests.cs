using StudyBot.Core.Club;

namespace StudyBot.Core.Tests.Club;

public sealed class RsvpCustomIdTests
{
    [Theory]
    [InlineData(RsvpAnswer.Going, "rsvp:2026-03-26:going")]
    [InlineData(RsvpAnswer.Maybe, "rsvp:2026-03-26:maybe")]
    [InlineData(RsvpAnswer.NotGoing, "rsvp:2026-03-26:not-going")]
    public void Custom_ids_round_trip(RsvpAnswer answer, string expected)
    {
        var id = RsvpCustomId.For("2026-03-26", answer);

        Assert.Equal(expected, id);
        Assert.True(RsvpCustomId.TryParse(id, out var session, out var parsed));
        Assert.Equal("2026-03-26", session);
        Assert.Equal(answer, parsed);
    }

    [Theory]
    [InlineData("rsvp:2026-03-26:perhaps")]
    [InlineData("vote:2026-03-26:going")]
    [InlineData("rsvp::going")]
    public void Malformed_custom_ids_are_refused(string id) => Assert.False(RsvpCustomId.TryParse(id, out _, out _));
}
