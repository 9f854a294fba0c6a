namespace StudyBot.EndToEnd.Tests.Bot;

/// <summary>The bot tests run one after another: each starts a real host, and the 3-second acknowledgement rule
/// should be measured on a machine not also running five other bots.</summary>
[CollectionDefinition(Name)]
public sealed class BotCollection
{
    public const string Name = "Real bot against the fake Discord";
}
