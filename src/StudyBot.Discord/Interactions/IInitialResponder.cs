using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions;

/// <summary>Where the first response goes: the callback endpoint (gateway) or the pending HTTP request (Http mode).</summary>
internal interface IInitialResponder
{
    Task SendAsync(Interaction interaction, InteractionCallback callback, CancellationToken cancellationToken);
}
