using StudyBot.Core.Commands;
using StudyBot.Discord.Commands;

namespace StudyBot.DiscordBridge;

/// <summary>Offers every declared command of the router to Discord's command registration.</summary>
public sealed class PaperClubCommandProvider(CommandRouter router) : IApplicationCommandProvider
{
    public IReadOnlyList<ApplicationCommand> GetCommands() => router.Declarations.Select(DeclarationMapper.Command).ToList();
}
