namespace StudyBot.FakeDiscord.Model;

public sealed record FakeRole(ulong Id, ulong GuildId, string Name, string Permissions);
