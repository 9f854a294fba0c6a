namespace StudyBot.Playground;

/// <summary>The playground could not get the bot connected to its fake Discord; the message says what was seen.</summary>
public sealed class PlaygroundStartException(string message) : Exception(message);
