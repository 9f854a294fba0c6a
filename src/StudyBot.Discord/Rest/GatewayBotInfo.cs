namespace StudyBot.Discord.Rest;

public sealed record GatewayBotInfo(string Url, int Shards, SessionStartLimit SessionStartLimit);
