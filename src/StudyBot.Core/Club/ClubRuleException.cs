using StudyBot.Core.Commands;

namespace StudyBot.Core.Club;

/// <summary>A club action the rules do not allow, or a schedule value that cannot be used; the message is for the member.</summary>
public sealed class ClubRuleException : CommandInputException
{
    public ClubRuleException()
    {
    }

    public ClubRuleException(string message)
        : base(message)
    {
    }

    public ClubRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
