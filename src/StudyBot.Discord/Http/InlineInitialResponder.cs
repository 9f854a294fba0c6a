using StudyBot.Discord.Interactions;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Http;

/// <summary>
/// Lets the first response ride on the pending HTTP request (200 + body) while the endpoint still waits; once the
/// endpoint has given up (answered 202), or for responses with files, the callback endpoint is used instead.
/// An inline <see cref="SendAsync"/> returns only when the endpoint has written and completed the response, so a
/// follow-up sent right after it does not overtake the answer it follows. That wait is bounded by
/// <see cref="WriteTimeout"/>: should the endpoint never report back, the handler gets an error instead of hanging.
/// </summary>
internal sealed class InlineInitialResponder(DiscordRestClient rest, TimeProvider time) : IInitialResponder
{
    /// <summary>How long an inline answer may take to be written once taken (a small JSON body to a waiting request).</summary>
    internal static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(5);

    private const int Waiting = 0;
    private const int Taken = 1;
    private const int Closed = 2;

    private readonly TaskCompletionSource<InteractionCallback?> inline = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource written = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int state;

    /// <summary>The inline response, or null when the response went (or will go) through the callback endpoint.</summary>
    public Task<InteractionCallback?> Response => inline.Task;

    public async Task SendAsync(Interaction interaction, InteractionCallback callback, CancellationToken cancellationToken)
    {
        if ((callback.Data?.Files.Count ?? 0) == 0 && Interlocked.CompareExchange(ref state, Taken, Waiting) == Waiting)
        {
            inline.SetResult(callback);
            try
            {
                await written.Task.WaitAsync(WriteTimeout, time, cancellationToken);
            }
            catch (TimeoutException ex)
            {
                throw new HttpRequestException($"The inline interaction response was not sent within {WriteTimeout.TotalSeconds:0} s.", ex);
            }

            return;
        }

        Close();
        await rest.CreateInteractionResponseAsync(interaction.Id, interaction.Token, callback, cancellationToken);
    }

    /// <summary>Stops waiting for an inline response; true when none had been taken.</summary>
    public bool Close()
    {
        if (Interlocked.CompareExchange(ref state, Closed, Waiting) == Waiting)
        {
            inline.TrySetResult(null);
            return true;
        }

        return false;
    }

    /// <summary>The endpoint has sent the inline response in full.</summary>
    public void Written() => written.TrySetResult();

    /// <summary>The endpoint could not send the inline response (Discord hung up): the interaction is not acknowledged.</summary>
    public void WriteFailed(Exception exception) =>
        written.TrySetException(new HttpRequestException("The inline interaction response could not be sent.", exception));

    /// <summary>The endpoint's request is over: an inline response taken but never reported written was not sent.</summary>
    public void Finished()
    {
        Close();
        written.TrySetException(new HttpRequestException("The interactions request ended without sending the inline response."));
    }
}
