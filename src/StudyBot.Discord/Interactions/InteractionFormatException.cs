namespace StudyBot.Discord.Interactions;

/// <summary>An INTERACTION_CREATE payload did not have the documented shape.</summary>
public sealed class InteractionFormatException : Exception
{
    public InteractionFormatException(string message) : base(message)
    {
    }

    public InteractionFormatException()
    {
    }

    public InteractionFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
