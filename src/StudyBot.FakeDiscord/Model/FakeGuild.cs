namespace StudyBot.FakeDiscord.Model;

public sealed record FakeGuild(ulong Id, string Name, ulong OwnerId);
