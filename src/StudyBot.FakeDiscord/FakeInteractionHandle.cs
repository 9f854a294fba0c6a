using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.State;

namespace StudyBot.FakeDiscord;

/// <summary>
/// An interaction the fake dispatched; await the bot's callback and read what it answered.
/// <see cref="CreatedAt"/> and <see cref="FakeInteractionCallback.ReceivedAt"/> come from the fake's TimeProvider.
/// </summary>
public sealed class FakeInteractionHandle
{
    private readonly FakeWorld _world;
    private readonly StoredInteraction _interaction;

    internal FakeInteractionHandle(FakeWorld world, StoredInteraction interaction)
    {
        _world = world;
        _interaction = interaction;
    }

    public ulong Id => _interaction.Id;
    public string Token => _interaction.Token;

    /// <summary>2 command, 3 component, 4 autocomplete, 5 modal submit.</summary>
    public int Type => _interaction.Type;
    public ulong GuildId => _interaction.GuildId;
    public ulong ChannelId => _interaction.ChannelId;
    public ulong UserId => _interaction.UserId;
    public DateTimeOffset CreatedAt => _interaction.CreatedAt;

    /// <summary>The INTERACTION_CREATE payload exactly as dispatched (a copy).</summary>
    public JsonObject Payload => Rest.Json.Normalize(_interaction.Payload);

    /// <summary>Completes when the bot's first (accepted) callback arrives.</summary>
    public Task<FakeInteractionCallback> Callback => _interaction.CallbackReceived.Task;

    public async Task<FakeInteractionCallback> WaitForCallbackAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        try
        {
            return await Callback.WaitAsync(timeout, ct);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Interaction {Id} got no callback within {timeout}.");
        }
    }

    /// <summary>Autocomplete choices from a type 8 callback.</summary>
    public async Task<IReadOnlyList<FakeChoice>> WaitForChoicesAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        var callback = await WaitForCallbackAsync(timeout, ct);
        return callback.Type == 8
            ? callback.Choices
            : throw new FakeDiscordException($"Interaction {Id} was answered with callback type {callback.Type}, not 8 (autocomplete).");
    }

    /// <summary>The response message (type 4/5 original, or the component's message after 6/7); null before it exists.</summary>
    public FakeMessage? OriginalResponse
    {
        get
        {
            lock (_world.Gate)
            {
                return _interaction.OriginalMessageId is { } id && _world.Messages.TryGetValue(id, out var m) ? _world.Snapshot(m) : null;
            }
        }
    }

    public IReadOnlyList<FakeMessage> Followups
    {
        get
        {
            lock (_world.Gate)
            {
                return [.. _interaction.FollowupIds.Select(id => _world.Snapshot(_world.Messages[id]))];
            }
        }
    }

    /// <summary>The modal the bot opened (callback type 9), or null.</summary>
    public JsonObject? Modal
    {
        get
        {
            lock (_world.Gate)
            {
                return _interaction.Modal is { } modal ? Rest.Json.Normalize(modal) : null;
            }
        }
    }

    /// <summary>Waits until the original response satisfies <paramref name="predicate"/>
    /// (e.g. a deferred response has been edited: <c>m =&gt; !m.IsLoading</c>).</summary>
    public async Task<FakeMessage> WaitForOriginalResponseAsync(Func<FakeMessage, bool> predicate, TimeSpan timeout, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_world.Gate)
            {
                if (_interaction.OriginalMessageId is { } id && _world.Messages.TryGetValue(id, out var m))
                {
                    var snapshot = _world.Snapshot(m);
                    if (predicate(snapshot))
                    {
                        return snapshot;
                    }
                }
                changed = _world.ChangedSignal;
            }
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"The original response of interaction {Id} did not match within {timeout}.");
            }
        }
    }
}
