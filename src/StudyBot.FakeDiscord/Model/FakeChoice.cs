using System.Text.Json.Nodes;

namespace StudyBot.FakeDiscord.Model;

public sealed record FakeChoice(string Name, JsonNode? Value);
