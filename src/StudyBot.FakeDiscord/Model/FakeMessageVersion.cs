using System.Text.Json.Nodes;

namespace StudyBot.FakeDiscord.Model;

/// <summary>One state of a message: the first entry of <see cref="FakeMessage.History"/> is as created, later ones are edits.</summary>
public sealed record FakeMessageVersion(
    DateTimeOffset At,
    string Content,
    JsonArray Embeds,
    JsonArray Components,
    IReadOnlyList<FakeAttachment> Attachments,
    int Flags);
