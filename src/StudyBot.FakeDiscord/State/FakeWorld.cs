using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.Rest;

namespace StudyBot.FakeDiscord.State;

/// <summary>
/// Everything the fake Discord knows: guilds, channels, members, commands, messages, interactions, events, counters.
/// One lock guards it all (and the gateway sessions), which keeps event order and sequence numbers consistent;
/// the fake's throughput needs are modest.
/// </summary>
internal sealed partial class FakeWorld
{
    private const int MaxEventLog = 20_000;

    private readonly List<FakeEvent> _events = [];
    private long _eventSequence;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public FakeWorld(FakeDiscordOptions options)
    {
        Options = options;
        Time = options.TimeProvider;
        Ids = new Snowflakes(Time);
    }

    public Lock Gate { get; } = new();
    public FakeDiscordOptions Options { get; }
    public TimeProvider Time { get; }
    public Snowflakes Ids { get; }

    /// <summary>http://127.0.0.1:PORT, known once Kestrel listens.</summary>
    public string HttpBase { get; set; } = "http://127.0.0.1";

    public Dictionary<ulong, FakeGuild> Guilds { get; } = [];
    public Dictionary<ulong, FakeChannel> Channels { get; } = [];
    public Dictionary<(ulong Guild, ulong User), FakeMember> Members { get; } = [];
    public Dictionary<ulong, FakeRole> Roles { get; } = [];
    public Dictionary<ulong, StoredMessage> Messages { get; } = [];
    public Dictionary<ulong, List<ulong>> ChannelMessageIds { get; } = [];
    public Dictionary<ulong, StoredInteraction> Interactions { get; } = [];
    public Dictionary<string, StoredInteraction> InteractionsByToken { get; } = new(StringComparer.Ordinal);
    public Dictionary<ulong, FakeAttachment> Attachments { get; } = [];
    public Dictionary<ulong, JsonObject> ScheduledEvents { get; } = [];
    public List<JsonObject> GlobalCommands { get; } = [];
    public Dictionary<ulong, List<JsonObject>> GuildCommands { get; } = [];

    public int CommandOverwrites { get; set; }
    public int RestRequests { get; set; }
    public int RateLimitedResponses { get; set; }
    public int InvalidRequests { get; set; }

    public DateTimeOffset Now => Time.GetUtcNow();

    public JsonObject BotUserJson() => new()
    {
        ["id"] = Json.Id(Options.ApplicationId),
        ["username"] = Options.BotUsername,
        ["discriminator"] = "0",
        ["global_name"] = null,
        ["avatar"] = null,
        ["bot"] = true,
        ["verified"] = true,
        ["flags"] = 0,
        ["mfa_enabled"] = false,
    };

    /// <summary>Records an observable event and wakes waiters. Call under <see cref="Gate"/>.</summary>
    public FakeEvent Publish(string kind, ulong? guildId, ulong? channelId, ulong? messageId, ulong? interactionId, JsonNode? payload)
    {
        var evt = new FakeEvent(++_eventSequence, kind, Now, guildId, channelId, messageId, interactionId,
            payload is null ? null : Json.Normalize(payload));
        _events.Add(evt);
        if (_events.Count > MaxEventLog)
        {
            _events.RemoveRange(0, _events.Count - MaxEventLog);
        }
        var changed = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        changed.TrySetResult();
        return evt;
    }

    /// <summary>Completes at the next <see cref="Publish"/>. Call under <see cref="Gate"/>.</summary>
    public Task ChangedSignal => _changed.Task;

    public List<FakeEvent> EventsAfter(long sequence, int max)
    {
        var result = new List<FakeEvent>();
        if (_events.Count == 0)
        {
            return result;
        }
        // Sequences in the log are contiguous, so the first wanted event sits at a computable index.
        var start = (int)Math.Clamp(sequence - _events[0].Sequence + 1, 0, _events.Count);
        for (var i = start; i < _events.Count && result.Count < max; i++)
        {
            result.Add(_events[i]);
        }
        return result;
    }

    public long LastEventSequence => _eventSequence;

    public void ResetData()
    {
        Guilds.Clear();
        Channels.Clear();
        Members.Clear();
        Roles.Clear();
        Messages.Clear();
        ChannelMessageIds.Clear();
        Interactions.Clear();
        InteractionsByToken.Clear();
        Attachments.Clear();
        ScheduledEvents.Clear();
        GlobalCommands.Clear();
        GuildCommands.Clear();
        _events.Clear();
        CommandOverwrites = 0;
        RestRequests = 0;
        RateLimitedResponses = 0;
        InvalidRequests = 0;
    }

    public FakeChannel RequireChannel(ulong channelId) =>
        Channels.TryGetValue(channelId, out var channel) ? channel : throw DiscordApiException.UnknownChannel();

    public FakeGuild RequireGuild(ulong guildId) =>
        Guilds.TryGetValue(guildId, out var guild) ? guild : throw DiscordApiException.UnknownGuild();

    /// <summary>Member permissions as Discord sends them: the member's own bits OR its roles' bits.</summary>
    public string EffectivePermissions(FakeMember member)
    {
        var bits = ulong.TryParse(member.Permissions, out var own) ? own : 0;
        foreach (var roleId in member.RoleIds)
        {
            if (Roles.TryGetValue(roleId, out var role) && ulong.TryParse(role.Permissions, out var rb))
            {
                bits |= rb;
            }
        }
        return Json.Id(bits);
    }

    public JsonObject UserJson(FakeMember member) => new()
    {
        ["id"] = Json.Id(member.Id),
        ["username"] = member.Username,
        ["discriminator"] = "0",
        ["global_name"] = member.DisplayName,
        ["avatar"] = null,
        ["public_flags"] = 0,
    };

    public JsonObject MemberJson(FakeMember member, bool withUser, bool withPermissions)
    {
        var json = new JsonObject
        {
            ["nick"] = null,
            ["avatar"] = null,
            ["roles"] = new JsonArray([.. member.RoleIds.Select(r => (JsonNode)JsonValue.Create(Json.Id(r)))]),
            ["joined_at"] = Json.Iso(Snowflakes.TimestampOf(member.Id)),
            ["premium_since"] = null,
            ["deaf"] = false,
            ["mute"] = false,
            ["flags"] = 0,
            ["pending"] = false,
            ["communication_disabled_until"] = null,
        };
        if (withPermissions)
        {
            json["permissions"] = EffectivePermissions(member);
        }
        if (withUser)
        {
            json["user"] = UserJson(member);
        }
        return json;
    }

    public JsonObject ChannelJson(FakeChannel channel)
    {
        var json = new JsonObject
        {
            ["id"] = Json.Id(channel.Id),
            ["type"] = channel.Type,
            ["guild_id"] = Json.Id(channel.GuildId),
            ["name"] = channel.Name,
            ["parent_id"] = channel.ParentId is { } p ? Json.Id(p) : null,
            ["nsfw"] = false,
            ["rate_limit_per_user"] = 0,
            ["last_message_id"] = ChannelMessageIds.TryGetValue(channel.Id, out var ids) && ids.Count > 0 ? Json.Id(ids[^1]) : null,
            ["flags"] = 0,
        };
        if (channel.IsThread)
        {
            var count = ChannelMessageIds.TryGetValue(channel.Id, out var tids) ? tids.Count : 0;
            json["owner_id"] = channel.OwnerId is { } o ? Json.Id(o) : null;
            json["message_count"] = count;
            json["total_message_sent"] = count;
            json["member_count"] = 1;
            json["thread_metadata"] = new JsonObject
            {
                ["archived"] = false,
                ["auto_archive_duration"] = channel.AutoArchiveDuration ?? 4320,
                ["archive_timestamp"] = Json.Iso(channel.CreatedAt ?? Snowflakes.TimestampOf(channel.Id)),
                ["locked"] = false,
                ["create_timestamp"] = Json.Iso(channel.CreatedAt ?? Snowflakes.TimestampOf(channel.Id)),
            };
        }
        else
        {
            json["position"] = 0;
            json["permission_overwrites"] = new JsonArray();
            json["topic"] = null;
        }
        return json;
    }

    public JsonObject RoleJson(FakeRole role) => new()
    {
        ["id"] = Json.Id(role.Id),
        ["name"] = role.Name,
        ["color"] = 0,
        ["hoist"] = false,
        ["icon"] = null,
        ["unicode_emoji"] = null,
        ["position"] = role.Id == role.GuildId ? 0 : 1,
        ["permissions"] = role.Permissions,
        ["managed"] = false,
        ["mentionable"] = false,
        ["flags"] = 0,
    };

    /// <summary>The GUILD_CREATE payload for one guild, as a bot sees it after READY.</summary>
    public JsonObject GuildCreateJson(FakeGuild guild)
    {
        var channels = Channels.Values.Where(c => c.GuildId == guild.Id && !c.IsThread).Select(c =>
        {
            var json = ChannelJson(c);
            json.Remove("guild_id");
            return (JsonNode)json;
        });
        var threads = Channels.Values.Where(c => c.GuildId == guild.Id && c.IsThread).Select(c => (JsonNode)ChannelJson(c));
        var roles = Roles.Values.Where(r => r.GuildId == guild.Id).Select(r => (JsonNode)RoleJson(r));
        var events = ScheduledEvents.Values.Where(e => Json.Snowflake(e["guild_id"]) == guild.Id).Select(e => e.DeepClone());
        var memberCount = Members.Keys.Count(k => k.Guild == guild.Id) + 1;
        return new JsonObject
        {
            ["id"] = Json.Id(guild.Id),
            ["name"] = guild.Name,
            ["icon"] = null,
            ["splash"] = null,
            ["discovery_splash"] = null,
            ["owner_id"] = Json.Id(guild.OwnerId),
            ["afk_channel_id"] = null,
            ["afk_timeout"] = 300,
            ["verification_level"] = 0,
            ["default_message_notifications"] = 0,
            ["explicit_content_filter"] = 0,
            ["roles"] = new JsonArray([.. roles]),
            ["emojis"] = new JsonArray(),
            ["stickers"] = new JsonArray(),
            ["features"] = new JsonArray(),
            ["mfa_level"] = 0,
            ["application_id"] = null,
            ["system_channel_id"] = null,
            ["system_channel_flags"] = 0,
            ["rules_channel_id"] = null,
            ["vanity_url_code"] = null,
            ["description"] = null,
            ["banner"] = null,
            ["premium_tier"] = 0,
            ["premium_subscription_count"] = 0,
            ["preferred_locale"] = "en-US",
            ["public_updates_channel_id"] = null,
            ["nsfw_level"] = 0,
            ["premium_progress_bar_enabled"] = false,
            ["joined_at"] = Json.Iso(Snowflakes.TimestampOf(guild.Id)),
            ["large"] = false,
            ["unavailable"] = false,
            ["member_count"] = memberCount,
            ["voice_states"] = new JsonArray(),
            ["members"] = new JsonArray(new JsonObject
            {
                ["user"] = BotUserJson(),
                ["roles"] = new JsonArray(),
                ["joined_at"] = Json.Iso(Snowflakes.TimestampOf(guild.Id)),
                ["deaf"] = false,
                ["mute"] = false,
                ["flags"] = 0,
                ["pending"] = false,
            }),
            ["channels"] = new JsonArray([.. channels]),
            ["threads"] = new JsonArray([.. threads]),
            ["presences"] = new JsonArray(),
            ["stage_instances"] = new JsonArray(),
            ["guild_scheduled_events"] = new JsonArray([.. events]),
            ["soundboard_sounds"] = new JsonArray(),
        };
    }
}
