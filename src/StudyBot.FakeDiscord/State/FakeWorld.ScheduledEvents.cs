using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.Rest;

namespace StudyBot.FakeDiscord.State;

internal sealed partial class FakeWorld
{
    private const long ScheduledEventsIntent = 1 << 16;
    private const int MaxActiveEventsPerGuild = 100;

    public JsonObject CreateScheduledEvent(ulong guildId, JsonObject body)
    {
        RequireGuild(guildId);
        var errors = new FormErrors();
        var name = Json.Str(body["name"]);
        if (name is null)
        {
            errors.Required("name");
        }
        else if (name.Length is 0 or > 100)
        {
            errors.Add("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
        if (Json.Int(body["privacy_level"]) != 2)
        {
            errors.Add("privacy_level", "BASE_TYPE_CHOICES", "Value must be one of {2}.");
        }
        var entityType = Json.Int(body["entity_type"]);
        if (entityType is not (1 or 2 or 3))
        {
            errors.Add("entity_type", "BASE_TYPE_CHOICES", "Value must be one of {1, 2, 3}.");
        }
        var start = Json.ParseIso(body["scheduled_start_time"]);
        if (start is null)
        {
            errors.Required("scheduled_start_time");
        }
        else if (start < Now)
        {
            errors.Add("scheduled_start_time", "GUILD_SCHEDULED_EVENT_SCHEDULE_PAST", "Cannot schedule event in the past.");
        }
        ValidateEntity(entityType, body, start, errors, isCreate: true);
        if (ScheduledEvents.Values.Count(e => Json.Snowflake(e["guild_id"]) == guildId && Json.Int(e["status"]) is 1 or 2)
            >= MaxActiveEventsPerGuild)
        {
            throw new DiscordApiException(400, 30038, "Maximum number of guild events reached (100)");
        }
        errors.ThrowIfAny();

        var id = Ids.Next();
        var json = new JsonObject
        {
            ["id"] = Json.Id(id),
            ["guild_id"] = Json.Id(guildId),
            ["channel_id"] = entityType == 3 ? null : body["channel_id"]?.DeepClone(),
            ["creator_id"] = Json.Id(Options.ApplicationId),
            ["name"] = name,
            ["description"] = body["description"]?.DeepClone(),
            ["scheduled_start_time"] = Json.Iso(start!.Value),
            ["scheduled_end_time"] = Json.ParseIso(body["scheduled_end_time"]) is { } end ? Json.Iso(end) : null,
            ["privacy_level"] = 2,
            ["status"] = 1,
            ["entity_type"] = entityType,
            ["entity_id"] = null,
            ["entity_metadata"] = entityType == 3 ? new JsonObject { ["location"] = body["entity_metadata"]!["location"]!.DeepClone() } : null,
            ["creator"] = BotUserJson(),
            ["user_count"] = 0,
            ["image"] = null,
            ["recurrence_rule"] = null,
        };
        json = Json.Normalize(json);
        ScheduledEvents[id] = json;
        Dispatch("GUILD_SCHEDULED_EVENT_CREATE", (JsonObject)json.DeepClone(), ScheduledEventsIntent);
        Publish(FakeEventKinds.ScheduledEventCreated, guildId, null, null, null, json.DeepClone());
        return (JsonObject)json.DeepClone();
    }

    public JsonObject ModifyScheduledEvent(ulong guildId, ulong eventId, JsonObject body)
    {
        var existing = RequireScheduledEvent(guildId, eventId);
        var errors = new FormErrors();
        var merged = (JsonObject)existing.DeepClone();
        foreach (var key in new[] { "name", "description", "scheduled_start_time", "scheduled_end_time", "entity_type", "channel_id", "entity_metadata", "privacy_level" })
        {
            if (body.ContainsKey(key))
            {
                merged[key] = body[key]?.DeepClone();
            }
        }
        if (body.ContainsKey("name") && Json.Str(body["name"]) is not { Length: >= 1 and <= 100 })
        {
            errors.Add("name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
        if (body.ContainsKey("privacy_level") && Json.Int(body["privacy_level"]) != 2)
        {
            errors.Add("privacy_level", "BASE_TYPE_CHOICES", "Value must be one of {2}.");
        }
        var entityType = Json.Int(merged["entity_type"]);
        var start = Json.ParseIso(merged["scheduled_start_time"]);
        if (body.ContainsKey("scheduled_start_time") && (start is null || (start < Now && Json.Int(existing["status"]) == 1)))
        {
            errors.Add("scheduled_start_time", "GUILD_SCHEDULED_EVENT_SCHEDULE_PAST", "Cannot schedule event in the past.");
        }
        ValidateEntity(entityType, merged, start, errors, isCreate: false);

        var current = (int)(Json.Int(existing["status"]) ?? 1);
        var status = current;
        if (body.ContainsKey("status"))
        {
            status = (int)(Json.Int(body["status"]) ?? 0);
            var valid = status == current || (current, status) is (1, 2) or (1, 4) or (2, 3);
            if (!valid)
            {
                errors.Add("status", "GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION",
                    $"Cannot change event status from {current} to {status}.");
            }
        }
        if (current is 3 or 4)
        {
            errors.Add("status", "GUILD_SCHEDULED_EVENT_ALREADY_ENDED", "This event has already ended and cannot be modified.");
        }
        errors.ThrowIfAny();

        if (entityType == 3)
        {
            merged["channel_id"] = null;
        }
        merged["status"] = status;
        if (Json.ParseIso(merged["scheduled_start_time"]) is { } s)
        {
            merged["scheduled_start_time"] = Json.Iso(s);
        }
        if (Json.ParseIso(merged["scheduled_end_time"]) is { } e)
        {
            merged["scheduled_end_time"] = Json.Iso(e);
        }
        merged = Json.Normalize(merged);
        ScheduledEvents[eventId] = merged;
        Dispatch("GUILD_SCHEDULED_EVENT_UPDATE", (JsonObject)merged.DeepClone(), ScheduledEventsIntent);
        Publish(FakeEventKinds.ScheduledEventUpdated, guildId, null, null, null, merged.DeepClone());
        return (JsonObject)merged.DeepClone();
    }

    public JsonObject RequireScheduledEvent(ulong guildId, ulong eventId)
    {
        RequireGuild(guildId);
        return ScheduledEvents.TryGetValue(eventId, out var e) && Json.Snowflake(e["guild_id"]) == guildId
            ? e
            : throw DiscordApiException.UnknownScheduledEvent();
    }

    public JsonArray ListScheduledEvents(ulong guildId)
    {
        RequireGuild(guildId);
        return new JsonArray([.. ScheduledEvents.Values.Where(e => Json.Snowflake(e["guild_id"]) == guildId).Select(e => e.DeepClone())]);
    }

    private void ValidateEntity(long? entityType, JsonObject body, DateTimeOffset? start, FormErrors errors, bool isCreate)
    {
        var end = Json.ParseIso(body["scheduled_end_time"]);
        if (entityType == 3)
        {
            var location = Json.Str((body["entity_metadata"] as JsonObject)?["location"]);
            if (location is null)
            {
                errors.Required("entity_metadata.location");
            }
            else if (location.Length is 0 or > 100)
            {
                errors.Add("entity_metadata.location", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
            }
            if (end is null)
            {
                errors.Required("scheduled_end_time");
            }
            if (isCreate && body["channel_id"] is { } ch && !Json.IsNull(ch))
            {
                errors.Add("channel_id", "GUILD_SCHEDULED_EVENT_CHANNEL_NOT_ALLOWED", "Channel must be null for external events.");
            }
        }
        else if (entityType is 1 or 2)
        {
            var channelId = Json.Snowflake(body["channel_id"]);
            if (channelId is null)
            {
                errors.Required("channel_id");
            }
            else if (!Channels.TryGetValue(channelId.Value, out var channel) || channel.Type != (entityType == 1 ? 13 : 2))
            {
                errors.Add("channel_id", "GUILD_SCHEDULED_EVENT_INVALID_CHANNEL", "Channel is not a valid channel for this event type.");
            }
        }
        if (start is not null && end is not null && end <= start)
        {
            errors.Add("scheduled_end_time", "GUILD_SCHEDULED_EVENT_END_BEFORE_START", "End time must be after start time.");
        }
    }

    public static FakeScheduledEvent ScheduledEventSnapshot(JsonObject json) => new(
        Json.Snowflake(json["id"]) ?? 0,
        Json.Snowflake(json["guild_id"]) ?? 0,
        Json.Str(json["name"]) ?? "",
        Json.Str(json["description"]),
        (int)(Json.Int(json["entity_type"]) ?? 0),
        (int)(Json.Int(json["status"]) ?? 0),
        Json.ParseIso(json["scheduled_start_time"]) ?? default,
        Json.ParseIso(json["scheduled_end_time"]),
        Json.Str((json["entity_metadata"] as JsonObject)?["location"]),
        Json.Snowflake(json["channel_id"]),
        (JsonObject)json.DeepClone());
}
