namespace StudyBot.Core.Members;

/// <summary>A member as the club's services see them: who they are and whether they may administer the club.</summary>
public sealed record ClubMember(ulong UserId, string DisplayName, bool IsAdmin);
