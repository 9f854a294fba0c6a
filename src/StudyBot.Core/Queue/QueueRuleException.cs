using StudyBot.Core.Commands;

namespace StudyBot.Core.Queue;

/// <summary>A queue operation the rules do not allow (unknown paper, duplicate, second vote); the message is for the member.</summary>
public sealed class QueueRuleException : CommandInputException
{
    public QueueRuleException()
    {
    }

    public QueueRuleException(string message)
        : base(message)
    {
    }

    public QueueRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
