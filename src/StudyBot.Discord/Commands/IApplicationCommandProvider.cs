namespace StudyBot.Discord.Commands;

/// <summary>The app's command declarations; register one in DI and <see cref="CommandRegistrar"/> keeps Discord in step.</summary>
public interface IApplicationCommandProvider
{
    IReadOnlyList<ApplicationCommand> GetCommands();
}
