using StudyBot.Core.Members;

namespace StudyBot.Core.Commands;

public static class CommandMemberExtensions
{
    public static ClubMember ToClubMember(this CommandMember member) => new(member.UserId, member.DisplayName, member.IsAdmin);
}
