namespace StudyBot.Discord.Interactions;

/// <summary>An option was missing or had the wrong type; the message is written to be shown to the member.</summary>
public sealed class InteractionOptionException : Exception
{
    public InteractionOptionException(string message) : base(message)
    {
    }

    public InteractionOptionException()
    {
    }

    public InteractionOptionException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
