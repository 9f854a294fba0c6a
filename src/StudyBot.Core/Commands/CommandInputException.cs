namespace StudyBot.Core.Commands;

/// <summary>Input a member gave that cannot be used. The message is shown to the member as is, so it must be
/// clear and must not contain internals.</summary>
public class CommandInputException : Exception
{
    public CommandInputException()
    {
    }

    public CommandInputException(string message)
        : base(message)
    {
    }

    public CommandInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
