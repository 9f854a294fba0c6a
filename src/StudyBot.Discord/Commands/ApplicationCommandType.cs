namespace StudyBot.Discord.Commands;

public enum ApplicationCommandType
{
    ChatInput = 1,
    User = 2,
    Message = 3,
}
