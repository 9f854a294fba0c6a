namespace StudyBot.Core.Members;

/// <summary>Discord mention syntax for member ids in message text.</summary>
public static class MemberMention
{
    public static string Of(ulong userId) => $"<@{userId}>";
}
