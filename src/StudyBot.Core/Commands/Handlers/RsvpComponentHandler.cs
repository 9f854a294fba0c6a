using StudyBot.Core.Club;

namespace StudyBot.Core.Commands.Handlers;

/// <summary>The RSVP buttons under session announcements: <c>rsvp:&lt;sessionId&gt;:going|maybe|not-going</c>.
/// Clicking again with another answer replaces the earlier one.</summary>
public sealed class RsvpComponentHandler(ClubService club) : IComponentHandler
{
    public string CustomIdPrefix => RsvpCustomId.Prefix;

    public async Task<CommandResponse> HandleComponentAsync(ComponentRequest request, CancellationToken cancellationToken)
    {
        if (!RsvpCustomId.TryParse(request.CustomId, out var sessionId, out var answer))
        {
            throw new CommandInputException("That RSVP button is not valid any more.");
        }

        var session = await club.RsvpAsync(request.RequireGuild(), request.Member.ToClubMember(), sessionId, answer, cancellationToken);
        return CommandResponse.Text(
            $"Noted: **{RsvpCustomId.Name(answer)}** for {SessionRendering.When(session.StartsAt)} ({SessionRendering.Counts(session.Counts)}).",
            ephemeral: true);
    }

    public Task<CommandResponse> HandleModalSubmitAsync(ModalSubmitRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(CommandResponse.Error("RSVPs have no forms."));
}
