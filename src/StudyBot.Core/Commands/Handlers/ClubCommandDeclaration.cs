namespace StudyBot.Core.Commands.Handlers;

/// <summary>The /club command's declaration. Admin-only subcommands (setup, skip) are checked at run time, because
/// the other subcommands are for everyone and Discord's default permissions apply to the whole command.</summary>
public static class ClubCommandDeclaration
{
    /// <summary>Discord channel types: GUILD_TEXT (0) and GUILD_ANNOUNCEMENT (5).</summary>
    private static readonly IReadOnlyList<int> PostableChannels = [0, 5];

    public static CommandDeclaration Create() => new(
        "club",
        "The weekly paper club: schedule, RSVPs, presenters and history",
        [
            new("setup", "Admin: set the club's channel, weekday, time and time zone", CommandOptionType.SubCommand, Options: [
                new("channel", "Channel for announcements and reminders", CommandOptionType.Channel, Required: true, ChannelTypes: PostableChannels),
                new("weekday", "Day of the week, e.g. Thursday", CommandOptionType.String, Required: true, Autocomplete: true, MaxLength: 20),
                new("time", "Local start time, 24-hour HH:MM, e.g. 19:00", CommandOptionType.String, Required: true, MaxLength: 10),
                new("timezone", "IANA time zone, e.g. Europe/Berlin", CommandOptionType.String, Required: true, Autocomplete: true, MaxLength: 64),
                new("duration", "Length in minutes (default 90; left out: unchanged)", CommandOptionType.Integer, MinValue: 15, MaxValue: 480),
                new("reminders", "Reminders before the start, e.g. \"24h, 1h\" (default), or \"none\"; left out: unchanged", CommandOptionType.String, MaxLength: 60),
                new("pick_days", "Days before the session the paper is picked (default 5; left out: unchanged)", CommandOptionType.Integer, MinValue: 0, MaxValue: 6),
            ]),
            new("next", "When the next session is, what we read and who presents", CommandOptionType.SubCommand, Options: []),
            new("skip", "Admin: skip the next session", CommandOptionType.SubCommand, Options: []),
            new("rsvp", "Say whether you come to the next session", CommandOptionType.SubCommand, Options: [
                new("answer", "Your answer", CommandOptionType.String, Required: true, Choices: [
                    new CommandChoice("Going", "going"),
                    new CommandChoice("Maybe", "maybe"),
                    new CommandChoice("Not going", "not-going"),
                ]),
            ]),
            new("presenter", "The presenter rotation", CommandOptionType.SubCommandGroup, Options: [
                new("signup", "Volunteer to present papers", CommandOptionType.SubCommand, Options: []),
                new("leave", "Leave the presenter rotation", CommandOptionType.SubCommand, Options: []),
                new("list", "Show the presenters in rotation order", CommandOptionType.SubCommand, Options: []),
            ]),
            new("history", "Past sessions: papers, presenters, attendance", CommandOptionType.SubCommand, Options: []),
        ]);
}
