using StudyBot.FakeDiscord.Control;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.State;

namespace StudyBot.FakeDiscord;

// Control API: act as a guild member and send interactions to the bot over the gateway.
public sealed partial class FakeDiscordServer
{
    /// <summary>
    /// Sends "/queue add …" as <paramref name="memberId"/>: builds APPLICATION_COMMAND data from the registered definition
    /// (validating options) and dispatches INTERACTION_CREATE. Values: string, int/long, double, bool; snowflake ids
    /// (ulong or string) or FakeMember/FakeChannel/FakeRole/FakeAttachment for USER/CHANNEL/ROLE/MENTIONABLE/ATTACHMENT.
    /// Throws <see cref="FakeDiscordException"/> for anything Discord's client would not let the user send.
    /// </summary>
    public async Task<FakeInteractionHandle> SendSlashCommandAsync(ulong guildId, ulong channelId, ulong memberId, string commandPath,
        IReadOnlyDictionary<string, object?>? options = null, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        StoredInteraction created;
        lock (_world.Gate)
        {
            var (channel, member) = Actor(guildId, channelId, memberId);
            var data = new CommandOptionBuilder(_world, guildId, member)
                .Build(commandPath, options ?? new Dictionary<string, object?>(), focused: null);
            created = _world.CreateInteraction(2, member, channel, data, source: null);
        }
        return await DeliverAsync(created, ct);
    }

    /// <summary>Sends an AUTOCOMPLETE interaction with <paramref name="focusedOption"/> holding the partial text typed so
    /// far; required options may be missing, as on Discord. Await choices with <see cref="FakeInteractionHandle.WaitForChoicesAsync"/>.</summary>
    public async Task<FakeInteractionHandle> SendAutocompleteAsync(ulong guildId, ulong channelId, ulong memberId, string commandPath,
        string focusedOption, string partialValue, IReadOnlyDictionary<string, object?>? otherOptions = null, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        StoredInteraction created;
        lock (_world.Gate)
        {
            var (channel, member) = Actor(guildId, channelId, memberId);
            var values = new Dictionary<string, object?>(otherOptions ?? new Dictionary<string, object?>()) { [focusedOption] = partialValue };
            var data = new CommandOptionBuilder(_world, guildId, member).Build(commandPath, values, focusedOption);
            created = _world.CreateInteraction(4, member, channel, data, source: null);
        }
        return await DeliverAsync(created, ct);
    }

    /// <summary>Clicks button <paramref name="customId"/> on message <paramref name="messageId"/> (channel or ephemeral message).</summary>
    public async Task<FakeInteractionHandle> ClickButtonAsync(ulong messageId, string customId, ulong memberId, CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        StoredInteraction created;
        lock (_world.Gate)
        {
            var (message, channel, member) = MessageActor(messageId, memberId);
            var data = ComponentPayloads.ButtonData(message.Components, customId, messageId);
            created = _world.CreateInteraction(3, member, channel, data, message);
        }
        return await DeliverAsync(created, ct);
    }

    /// <summary>Chooses <paramref name="values"/> in select menu <paramref name="customId"/> on a message.</summary>
    public async Task<FakeInteractionHandle> SelectAsync(ulong messageId, string customId, IReadOnlyList<string> values, ulong memberId,
        CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        StoredInteraction created;
        lock (_world.Gate)
        {
            var (message, channel, member) = MessageActor(messageId, memberId);
            var data = ComponentPayloads.SelectData(message.Components, customId, values, messageId);
            created = _world.CreateInteraction(3, member, channel, data, message);
        }
        return await DeliverAsync(created, ct);
    }

    /// <summary>Submits the modal the bot opened in answer to <paramref name="openedBy"/> (callback type 9), filling inputs
    /// by custom_id. The submit mirrors the modal's layout (Label type 18, or legacy action rows).</summary>
    public async Task<FakeInteractionHandle> SubmitModalAsync(ulong openedByInteractionId, IReadOnlyDictionary<string, string> values,
        CancellationToken ct = default)
    {
        ct.ThrowIfCancellationRequested();
        StoredInteraction created;
        lock (_world.Gate)
        {
            if (!_world.Interactions.TryGetValue(openedByInteractionId, out var opener))
            {
                throw new FakeDiscordException($"Interaction {openedByInteractionId} is unknown.");
            }
            if (opener.Modal is null)
            {
                throw new FakeDiscordException($"Interaction {openedByInteractionId} was not answered with a modal (callback type 9).");
            }
            var (channel, member) = Actor(opener.GuildId, opener.ChannelId, opener.UserId);
            var data = ComponentPayloads.ModalData(opener.Modal, values);
            var source = opener.SourceMessageId is { } sid && _world.Messages.TryGetValue(sid, out var m) ? m : null;
            created = _world.CreateInteraction(5, member, channel, data, source);
        }
        return await DeliverAsync(created, ct);
    }

    /// <summary>
    /// Dispatches INTERACTION_CREATE with <paramref name="payload"/> as given (for malformed-payload tests). If it has a
    /// string <c>id</c> and <c>token</c> they are used, else fresh ones are added; the interaction is registered so the
    /// callback endpoints accept (and validate) responses to it. Guild, channel and member ids are taken from the payload
    /// when present and parseable, otherwise 0.
    /// </summary>
    public async Task<FakeInteractionHandle> InjectRawInteractionAsync(System.Text.Json.Nodes.JsonObject payload, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(payload);
        StoredInteraction created;
        lock (_world.Gate)
        {
            created = _world.InjectRawInteraction((System.Text.Json.Nodes.JsonObject)payload.DeepClone());
        }
        return await DeliverAsync(created, ct);
    }

    /// <summary>Dispatches any event (op 0, name <paramref name="eventName"/>) with <paramref name="payload"/> to every live session.</summary>
    public void DispatchRaw(string eventName, System.Text.Json.Nodes.JsonNode? payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        lock (_world.Gate)
        {
            _world.DispatchRaw(eventName, payload);
        }
    }

    private FakeInteractionHandle Handle(StoredInteraction interaction) => new(_world, interaction);

    /// <summary>In HTTP-endpoint mode, POSTs the interaction to the bot (and applies an inline response) before returning.</summary>
    private async Task<FakeInteractionHandle> DeliverAsync(StoredInteraction interaction, CancellationToken ct)
    {
        Uri? endpoint;
        lock (_world.Gate)
        {
            endpoint = _world.InteractionsEndpoint;
        }
        if (endpoint is not null)
        {
            await _delivery.DeliverAsync(interaction, endpoint, ct);
        }
        return Handle(interaction);
    }

    private (FakeChannel Channel, FakeMember Member) Actor(ulong guildId, ulong channelId, ulong memberId)
    {
        if (!_world.Guilds.ContainsKey(guildId))
        {
            throw new FakeDiscordException($"Guild {guildId} is not registered.");
        }
        if (!_world.Channels.TryGetValue(channelId, out var channel) || channel.GuildId != guildId)
        {
            throw new FakeDiscordException($"Channel {channelId} is not a channel of guild {guildId}.");
        }
        if (!_world.Members.TryGetValue((guildId, memberId), out var member))
        {
            throw new FakeDiscordException($"Member {memberId} is not in guild {guildId}.");
        }
        return (channel, member);
    }

    private (StoredMessage Message, FakeChannel Channel, FakeMember Member) MessageActor(ulong messageId, ulong memberId)
    {
        if (!_world.Messages.TryGetValue(messageId, out var message) || message.Deleted)
        {
            throw new FakeDiscordException($"Message {messageId} does not exist.");
        }
        if ((message.Flags & 64) != 0 && message.InteractionUserId != memberId)
        {
            throw new FakeDiscordException($"Message {messageId} is ephemeral and only visible to member {message.InteractionUserId}.");
        }
        var channel = _world.Channels[message.ChannelId];
        var (_, member) = Actor(channel.GuildId, channel.Id, memberId);
        return (message, channel, member);
    }
}
