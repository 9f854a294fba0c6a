using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.Rest;

namespace StudyBot.FakeDiscord;

// Control API: set up the world and read back what the bot did.
public sealed partial class FakeDiscordServer
{
    /// <summary>Registers a guild (with its @everyone role). Connected sessions get GUILD_CREATE.</summary>
    public FakeGuild AddGuild(string name, ulong? id = null, ulong? ownerId = null)
    {
        lock (_world.Gate)
        {
            var guildId = id ?? _world.Ids.Next();
            if (_world.Guilds.ContainsKey(guildId))
            {
                throw new FakeDiscordException($"Guild {guildId} already exists.");
            }
            var guild = new FakeGuild(guildId, name, ownerId ?? _world.Ids.Next());
            _world.Guilds[guildId] = guild;
            _world.Roles[guildId] = new FakeRole(guildId, guildId, "@everyone", "2248473465835073");
            _world.Dispatch("GUILD_CREATE", _world.GuildCreateJson(guild), 1);
            return guild;
        }
    }

    /// <summary>Adds a channel: type 0 text (default), 2 voice, 4 category, 5 announcement, 13 stage, 15 forum.</summary>
    public FakeChannel AddChannel(ulong guildId, string name, int type = 0, ulong? id = null, ulong? parentId = null)
    {
        lock (_world.Gate)
        {
            RequireGuildForControl(guildId);
            if (type is 10 or 11 or 12)
            {
                throw new FakeDiscordException("Threads are created by the bot (or CreateThread), not AddChannel.");
            }
            var channel = new FakeChannel(id ?? _world.Ids.Next(), guildId, name, type, parentId, CreatedAt: _world.Now);
            _world.Channels[channel.Id] = channel;
            _world.Dispatch("CHANNEL_CREATE", _world.ChannelJson(channel), 1);
            return channel;
        }
    }

    /// <summary>Adds a role; <paramref name="permissions"/> is a decimal bit set string ("8" = ADMINISTRATOR).</summary>
    public FakeRole AddRole(ulong guildId, string name, string permissions = "0", ulong? id = null)
    {
        lock (_world.Gate)
        {
            RequireGuildForControl(guildId);
            RequirePermissionString(permissions);
            var role = new FakeRole(id ?? _world.Ids.Next(), guildId, name, permissions);
            _world.Roles[role.Id] = role;
            return role;
        }
    }

    /// <summary>Adds a member. <paramref name="permissions"/> are the member's own bits (roles add theirs), e.g.
    /// "2248473465835073" for a normal member, "8" for an administrator.</summary>
    public FakeMember AddMember(ulong guildId, string username, string? displayName = null, string permissions = "2248473465835073",
        IReadOnlyList<ulong>? roleIds = null, ulong? id = null)
    {
        lock (_world.Gate)
        {
            RequireGuildForControl(guildId);
            RequirePermissionString(permissions);
            foreach (var roleId in roleIds ?? [])
            {
                if (!_world.Roles.TryGetValue(roleId, out var role) || role.GuildId != guildId)
                {
                    throw new FakeDiscordException($"Role {roleId} does not exist in guild {guildId}.");
                }
            }
            var member = new FakeMember(id ?? _world.Ids.Next(), guildId, username, displayName, permissions, roleIds ?? []);
            _world.Members[(guildId, member.Id)] = member;
            return member;
        }
    }

    /// <summary>Stores a file as if a user uploaded it, for ATTACHMENT command options.</summary>
    public FakeAttachment UploadUserAttachment(string fileName, byte[] content, string? contentType = null)
    {
        lock (_world.Gate)
        {
            return _world.StoreAttachment(fileName, contentType ?? PayloadReader.GuessContentType(fileName), content, null);
        }
    }

    public IReadOnlyList<FakeGuild> GetGuilds()
    {
        lock (_world.Gate)
        {
            return [.. _world.Guilds.Values];
        }
    }

    /// <summary>Channels and threads of a guild.</summary>
    public IReadOnlyList<FakeChannel> GetChannels(ulong guildId)
    {
        lock (_world.Gate)
        {
            return [.. _world.Channels.Values.Where(c => c.GuildId == guildId).OrderBy(c => c.Id)];
        }
    }

    public IReadOnlyList<FakeChannel> GetThreads(ulong? parentChannelId = null)
    {
        lock (_world.Gate)
        {
            return [.. _world.Channels.Values.Where(c => c.IsThread && (parentChannelId is null || c.ParentId == parentChannelId)).OrderBy(c => c.Id)];
        }
    }

    public IReadOnlyList<FakeMember> GetMembers(ulong guildId)
    {
        lock (_world.Gate)
        {
            return [.. _world.Members.Values.Where(m => m.GuildId == guildId)];
        }
    }

    public IReadOnlyList<FakeRole> GetRoles(ulong guildId)
    {
        lock (_world.Gate)
        {
            return [.. _world.Roles.Values.Where(r => r.GuildId == guildId)];
        }
    }

    /// <summary>Commands as stored by the last bulk overwrite (guild when <paramref name="guildId"/> is given, else global).</summary>
    public IReadOnlyList<JsonObject> GetRegisteredCommands(ulong? guildId = null)
    {
        lock (_world.Gate)
        {
            var source = guildId is { } g ? _world.GuildCommands.GetValueOrDefault(g) ?? [] : _world.GlobalCommands;
            return [.. source.Select(c => (JsonObject)c.DeepClone())];
        }
    }

    /// <summary>Messages of a channel or thread, oldest first, with their edit history. Ephemeral interaction responses
    /// are included only when asked (check <see cref="FakeMessage.InteractionUserId"/> for who may see them);
    /// deleted ones only when asked.</summary>
    public IReadOnlyList<FakeMessage> GetMessages(ulong channelId, bool includeEphemeral = false, bool includeDeleted = false)
    {
        lock (_world.Gate)
        {
            return [.. _world.Messages.Values
                .Where(m => m.ChannelId == channelId && (includeEphemeral || (m.Flags & 64) == 0) && (includeDeleted || !m.Deleted))
                .OrderBy(m => m.Id)
                .Select(_world.Snapshot)];
        }
    }

    public FakeMessage? GetMessage(ulong messageId)
    {
        lock (_world.Gate)
        {
            return _world.Messages.TryGetValue(messageId, out var m) ? _world.Snapshot(m) : null;
        }
    }

    public FakeAttachment? GetAttachment(ulong attachmentId)
    {
        lock (_world.Gate)
        {
            return _world.Attachments.GetValueOrDefault(attachmentId);
        }
    }

    public IReadOnlyList<FakeScheduledEvent> GetScheduledEvents(ulong guildId)
    {
        lock (_world.Gate)
        {
            return [.. _world.ScheduledEvents.Values.Where(e => Json.Snowflake(e["guild_id"]) == guildId)
                .Select(State.FakeWorld.ScheduledEventSnapshot)];
        }
    }

    public FakeInteractionHandle? GetInteraction(ulong interactionId)
    {
        lock (_world.Gate)
        {
            return _world.Interactions.TryGetValue(interactionId, out var i) ? new FakeInteractionHandle(_world, i) : null;
        }
    }

    public FakeCounters Counters
    {
        get
        {
            lock (_world.Gate)
            {
                return new FakeCounters(_hub.Connections, _hub.Identifies, _hub.Resumes, _hub.Heartbeats, _hub.HeartbeatAcks,
                    _hub.Dispatches, _world.CommandOverwrites, _world.RestRequests, _world.RateLimitedResponses,
                    _world.InvalidRequests, _hub.SessionStartRemaining, _hub.HeartbeatTimeouts);
            }
        }
    }

    /// <summary>Session ids that could still be resumed (or are connected).</summary>
    public IReadOnlyList<string> GatewaySessionIds
    {
        get
        {
            lock (_world.Gate)
            {
                return _hub.SessionIds();
            }
        }
    }

    public int ConnectedGatewayClients
    {
        get
        {
            lock (_world.Gate)
            {
                return _hub.LiveConnections().Count;
            }
        }
    }

    /// <summary>Events with a sequence above <paramref name="afterSequence"/> (at most <paramref name="max"/>).</summary>
    public IReadOnlyList<FakeEvent> GetEvents(long afterSequence = 0, int max = 1000)
    {
        lock (_world.Gate)
        {
            return _world.EventsAfter(afterSequence, max);
        }
    }

    /// <summary>Waits for events after <paramref name="afterSequence"/>; returns an empty list on timeout (long-poll).</summary>
    public async Task<IReadOnlyList<FakeEvent>> WaitForEventsAsync(long afterSequence, TimeSpan timeout, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_world.Gate)
            {
                var events = _world.EventsAfter(afterSequence, 1000);
                if (events.Count > 0)
                {
                    return events;
                }
                changed = _world.ChangedSignal;
            }
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                return [];
            }
        }
    }

    /// <summary>Waits for an event matching <paramref name="predicate"/> (already recorded ones count).</summary>
    public async Task<FakeEvent> WaitForEventAsync(Func<FakeEvent, bool> predicate, TimeSpan timeout, CancellationToken ct = default)
    {
        long seen = 0;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        while (true)
        {
            Task changed;
            lock (_world.Gate)
            {
                foreach (var evt in _world.EventsAfter(seen, int.MaxValue))
                {
                    seen = evt.Sequence;
                    if (predicate(evt))
                    {
                        return evt;
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
                throw new TimeoutException($"No matching fake Discord event within {timeout}.");
            }
        }
    }

    /// <summary>Waits until some message (any channel, ephemeral included, current state) satisfies the predicate.
    /// Existing messages are checked first; after that only messages that were created or edited are re-checked.</summary>
    public async Task<FakeMessage> WaitForMessageAsync(Func<FakeMessage, bool> predicate, TimeSpan timeout, CancellationToken ct = default)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        long seen;
        Task changed;
        lock (_world.Gate)
        {
            foreach (var message in _world.Messages.Values.Where(m => !m.Deleted).OrderBy(m => m.Id))
            {
                var snapshot = _world.Snapshot(message);
                if (predicate(snapshot))
                {
                    return snapshot;
                }
            }
            seen = _world.LastEventSequence;
            changed = _world.ChangedSignal;
        }
        while (true)
        {
            try
            {
                await changed.WaitAsync(cts.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"No message matched within {timeout}.");
            }
            lock (_world.Gate)
            {
                foreach (var evt in _world.EventsAfter(seen, int.MaxValue))
                {
                    seen = evt.Sequence;
                    if (evt.Kind is FakeEventKinds.MessageCreated or FakeEventKinds.MessageEdited
                        && evt.MessageId is { } id && _world.Messages.TryGetValue(id, out var message) && !message.Deleted)
                    {
                        var snapshot = _world.Snapshot(message);
                        if (predicate(snapshot))
                        {
                            return snapshot;
                        }
                    }
                }
                changed = _world.ChangedSignal;
            }
        }
    }

    /// <summary>Forgets everything (guilds, messages, commands, sessions, counters, faults) and drops gateway sockets.</summary>
    public void Reset()
    {
        lock (_world.Gate)
        {
            _hub.Reset();
            _world.ResetData();
        }
        _limiter.Reset();
    }

    private void RequireGuildForControl(ulong guildId)
    {
        if (!_world.Guilds.ContainsKey(guildId))
        {
            throw new FakeDiscordException($"Guild {guildId} is not registered; call AddGuild first.");
        }
    }

    private static void RequirePermissionString(string permissions)
    {
        if (!ulong.TryParse(permissions, out _))
        {
            throw new FakeDiscordException($"Permissions must be a decimal bit set string like \"8\"; got '{permissions}'.");
        }
    }
}
