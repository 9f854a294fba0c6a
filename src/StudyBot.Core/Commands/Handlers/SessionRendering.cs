using StudyBot.Core.Club;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>Shared bits of club messages: Discord timestamps (shown in each reader's own zone) and RSVP buttons.</summary>
public static class SessionRendering
{
    /// <summary>Discord's &lt;t:unix:F&gt; markup: full date and time in the reader's locale and zone.</summary>
    public static string When(DateTimeOffset instant) => $"<t:{instant.ToUnixTimeSeconds()}:F>";

    /// <summary>Discord's relative form ("in 3 days").</summary>
    public static string Relative(DateTimeOffset instant) => $"<t:{instant.ToUnixTimeSeconds()}:R>";

    public static ActionRow RsvpButtons(string sessionId) => new([
        new ButtonComponent("Going", RsvpCustomId.For(sessionId, RsvpAnswer.Going), ButtonStyle.Success),
        new ButtonComponent("Maybe", RsvpCustomId.For(sessionId, RsvpAnswer.Maybe), ButtonStyle.Secondary),
        new ButtonComponent("Not going", RsvpCustomId.For(sessionId, RsvpAnswer.NotGoing), ButtonStyle.Danger),
    ]);

    public static string Counts(RsvpCounts counts) => $"{counts.Going} going · {counts.Maybe} maybe · {counts.NotGoing} not going";
}
