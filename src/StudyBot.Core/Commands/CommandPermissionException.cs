namespace StudyBot.Core.Commands;

/// <summary>The member lacks the permission an action needs; shown to them as an ephemeral error.</summary>
public sealed class CommandPermissionException : CommandInputException
{
    public CommandPermissionException()
    {
    }

    public CommandPermissionException(string message)
        : base(message)
    {
    }

    public CommandPermissionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
