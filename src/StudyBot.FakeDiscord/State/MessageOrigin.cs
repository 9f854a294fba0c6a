namespace StudyBot.FakeDiscord.State;

/// <summary>Who is posting a message: the bot in a channel, or an interaction response / follow-up via its webhook.</summary>
internal sealed record MessageOrigin(
    int Type = 0,
    StoredInteraction? Interaction = null,
    bool AllowEphemeral = false,
    int ExtraFlags = 0);
