namespace StudyBot.Core.Club;

/// <summary>The custom ids of RSVP buttons: <c>rsvp:&lt;sessionId&gt;:going|maybe|not-going</c>.</summary>
public static class RsvpCustomId
{
    public const string Prefix = "rsvp:";

    public static string For(string sessionId, RsvpAnswer answer) => $"{Prefix}{sessionId}:{Name(answer)}";

    public static IReadOnlyList<string> All(string sessionId) =>
        [For(sessionId, RsvpAnswer.Going), For(sessionId, RsvpAnswer.Maybe), For(sessionId, RsvpAnswer.NotGoing)];

    public static bool TryParse(string customId, out string sessionId, out RsvpAnswer answer)
    {
        sessionId = string.Empty;
        answer = default;
        if (!customId.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = customId[Prefix.Length..];
        var colon = rest.LastIndexOf(':');
        if (colon <= 0 || !TryParseAnswer(rest[(colon + 1)..], out answer))
        {
            return false;
        }

        sessionId = rest[..colon];
        return true;
    }

    public static string Name(RsvpAnswer answer) => answer switch
    {
        RsvpAnswer.Going => "going",
        RsvpAnswer.Maybe => "maybe",
        _ => "not-going",
    };

    public static bool TryParseAnswer(string text, out RsvpAnswer answer)
    {
        switch (text.Trim().ToLowerInvariant())
        {
            case "going" or "yes":
                answer = RsvpAnswer.Going;
                return true;
            case "maybe":
                answer = RsvpAnswer.Maybe;
                return true;
            case "not-going" or "not_going" or "no":
                answer = RsvpAnswer.NotGoing;
                return true;
            default:
                answer = default;
                return false;
        }
    }
}
