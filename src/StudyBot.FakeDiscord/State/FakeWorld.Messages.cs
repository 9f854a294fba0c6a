using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.Rest;

namespace StudyBot.FakeDiscord.State;

internal sealed partial class FakeWorld
{
    private const long GuildMessagesIntent = 1 << 9;

    /// <summary>Set by the gateway hub: (event name, payload, intent bit needed or 0).</summary>
    public Action<string, JsonObject, long>? DispatchHook { get; set; }

    /// <summary>Set by the gateway hub: dispatch any payload as-is (malformed-payload tests).</summary>
    public Action<string, JsonNode?>? RawDispatchHook { get; set; }

    public void DispatchRaw(string eventName, JsonNode? payload) => RawDispatchHook?.Invoke(eventName, payload);

    public void Dispatch(string eventName, JsonObject payload, long intent) => DispatchHook?.Invoke(eventName, payload, intent);

    public static bool CanHoldMessages(FakeChannel channel) => channel.Type is 0 or 1 or 2 or 3 or 5 or 10 or 11 or 12 or 13;

    /// <summary>Validates and stores a new message. Call under <see cref="Gate"/>.</summary>
    public StoredMessage CreateMessage(ulong channelId, JsonObject body, IReadOnlyList<UploadedFile> files, MessageOrigin origin)
    {
        var channel = RequireChannel(channelId);
        if (!CanHoldMessages(channel))
        {
            throw new DiscordApiException(400, 50008, "Cannot send messages in a non-text channel");
        }
        var errors = new FormErrors();
        MessageValidator.Validate(body, errors, origin.AllowEphemeral);
        var attachments = ResolveAttachments(body, files, existing: null, errors);
        JsonObject? reference = null;
        if (body["message_reference"] is JsonObject refBody)
        {
            var refId = Json.Snowflake(refBody["message_id"]);
            if (refId is null || !Messages.TryGetValue(refId.Value, out var target) || target.Deleted)
            {
                errors.Add("message_reference", "MESSAGE_REFERENCE_UNKNOWN_MESSAGE", "Unknown message");
            }
            else
            {
                reference = new JsonObject
                {
                    ["type"] = 0,
                    ["message_id"] = Json.Id(target.Id),
                    ["channel_id"] = Json.Id(target.ChannelId),
                    ["guild_id"] = target.GuildId is { } g ? Json.Id(g) : null,
                };
            }
        }
        errors.ThrowIfAny();
        var loading = (origin.ExtraFlags & 128) != 0;
        if (!loading && !MessageValidator.HasVisibleContent(body, attachments.Count))
        {
            throw DiscordApiException.EmptyMessage();
        }

        var interaction = origin.Interaction;
        var message = new StoredMessage
        {
            Id = Ids.Next(),
            ChannelId = channelId,
            GuildId = channel.GuildId,
            CreatedAt = Now,
            Type = origin.Type,
            Content = Json.Str(body["content"]) ?? "",
            Embeds = RewriteAttachmentUrls(Json.CloneArray(body["embeds"]), attachments),
            Components = Json.CloneArray(body["components"]),
            Attachments = attachments,
            Flags = (int)(Json.Int(body["flags"]) ?? 0) | origin.ExtraFlags,
            InteractionId = interaction?.Id,
            InteractionUserId = interaction?.UserId,
            FromWebhook = interaction is not null,
            InteractionMetadata = interaction is null ? null : InteractionMetadataJson(interaction),
            MessageReference = reference,
        };
        message.RecordVersion(message.CreatedAt);
        Messages[message.Id] = message;
        var json = MessageJson(message);
        if (!IsEphemeral(message))
        {
            if (!ChannelMessageIds.TryGetValue(channelId, out var list))
            {
                list = [];
                ChannelMessageIds[channelId] = list;
            }
            list.Add(message.Id);
            Dispatch("MESSAGE_CREATE", json, GuildMessagesIntent);
        }
        Publish(FakeEventKinds.MessageCreated, message.GuildId, channelId, message.Id, message.InteractionId, json);
        return message;
    }

    /// <summary>Applies the fields present in <paramref name="body"/> (a PATCH). Call under <see cref="Gate"/>.</summary>
    public StoredMessage EditMessage(StoredMessage message, JsonObject body, IReadOnlyList<UploadedFile> files)
    {
        if (message.Deleted)
        {
            throw DiscordApiException.UnknownMessage();
        }
        var errors = new FormErrors();
        MessageValidator.Validate(body, errors, allowEphemeral: false);
        var attachments = body.ContainsKey("attachments") || files.Count > 0
            ? ResolveAttachments(body, files, message.Attachments, errors)
            : message.Attachments;
        errors.ThrowIfAny();

        if (body.ContainsKey("content"))
        {
            message.Content = Json.Str(body["content"]) ?? "";
        }
        if (body.ContainsKey("embeds"))
        {
            message.Embeds = RewriteAttachmentUrls(Json.CloneArray(body["embeds"]), attachments);
        }
        if (body.ContainsKey("components"))
        {
            message.Components = Json.CloneArray(body["components"]);
        }
        if (body.ContainsKey("flags") && Json.Int(body["flags"]) is { } flags)
        {
            // Only SUPPRESS_EMBEDS can be toggled by an edit; ephemeral stays as it was.
            message.Flags = (message.Flags & ~4) | ((int)flags & 4);
        }
        message.Attachments = attachments;
        message.Flags &= ~128; // the first edit of a deferred response ends "thinking…"
        if (!MessageValidator.HasVisibleContent(MessageJson(message), message.Attachments.Count))
        {
            throw DiscordApiException.EmptyMessage();
        }
        message.EditedAt = Now;
        message.RecordVersion(message.EditedAt.Value);
        var json = MessageJson(message);
        if (!IsEphemeral(message))
        {
            Dispatch("MESSAGE_UPDATE", json, GuildMessagesIntent);
        }
        Publish(FakeEventKinds.MessageEdited, message.GuildId, message.ChannelId, message.Id, message.InteractionId, json);
        return message;
    }

    public void DeleteMessage(StoredMessage message)
    {
        if (message.Deleted)
        {
            throw DiscordApiException.UnknownMessage();
        }
        message.Deleted = true;
        if (ChannelMessageIds.TryGetValue(message.ChannelId, out var list))
        {
            list.Remove(message.Id);
        }
        var payload = new JsonObject
        {
            ["id"] = Json.Id(message.Id),
            ["channel_id"] = Json.Id(message.ChannelId),
            ["guild_id"] = message.GuildId is { } g ? Json.Id(g) : null,
        };
        if (!IsEphemeral(message))
        {
            Dispatch("MESSAGE_DELETE", payload, GuildMessagesIntent);
        }
        Publish(FakeEventKinds.MessageDeleted, message.GuildId, message.ChannelId, message.Id, message.InteractionId, payload);
    }

    public StoredMessage RequireChannelMessage(ulong channelId, ulong messageId)
    {
        RequireChannel(channelId);
        return Messages.TryGetValue(messageId, out var m) && m.ChannelId == channelId && !m.Deleted && !IsEphemeral(m)
            ? m
            : throw DiscordApiException.UnknownMessage();
    }

    private static bool IsEphemeral(StoredMessage message) => (message.Flags & 64) != 0;

    private List<FakeAttachment> ResolveAttachments(
        JsonObject body, IReadOnlyList<UploadedFile> files, List<FakeAttachment>? existing, FormErrors errors)
    {
        var result = new List<FakeAttachment>();
        var used = new HashSet<int>();
        var filesByIndex = files.ToDictionary(f => f.Index);
        if (body["attachments"] is JsonArray specs)
        {
            for (var i = 0; i < specs.Count; i++)
            {
                var rawId = specs[i] is JsonObject s
                    ? Json.Snowflake(s["id"]) ?? (Json.Int(s["id"]) == 0 || Json.Str(s["id"]) == "0" ? 0UL : null)
                    : null;
                if (specs[i] is not JsonObject spec || rawId is null)
                {
                    errors.Required($"attachments.{i}.id");
                    continue;
                }
                var keep = existing?.FirstOrDefault(a => a.Id == rawId);
                if (keep is not null)
                {
                    result.Add(keep);
                    continue;
                }
                if (rawId < int.MaxValue && filesByIndex.TryGetValue((int)rawId.Value, out var file))
                {
                    used.Add(file.Index);
                    result.Add(StoreAttachment(Json.Str(spec["filename"]) ?? file.FileName, file.ContentType, file.Data,
                        Json.Str(spec["description"])));
                }
                else
                {
                    errors.Add($"attachments.{i}.id", "ATTACHMENT_NOT_FOUND", "Attachment data not found");
                }
            }
        }
        else if (existing is not null)
        {
            result.AddRange(existing);
        }
        foreach (var file in files.Where(f => !used.Contains(f.Index)))
        {
            result.Add(StoreAttachment(file.FileName, file.ContentType, file.Data, null));
        }
        if (result.Count > 10)
        {
            errors.MaxLength("attachments", 10);
        }
        return result;
    }

    public FakeAttachment StoreAttachment(string fileName, string contentType, byte[] data, string? description)
    {
        var id = Ids.Next();
        var safeName = string.Concat(Path.GetFileName(fileName).Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
        if (safeName.Length == 0)
        {
            safeName = "file";
        }
        var attachment = new FakeAttachment(id, safeName, contentType, data.LongLength,
            $"{HttpBase}/attachments/{Json.Id(id)}/{safeName}", description, data);
        Attachments[id] = attachment;
        return attachment;
    }

    /// <summary>Discord resolves <c>attachment://name</c> in embeds to the uploaded file's URL.</summary>
    private static JsonArray RewriteAttachmentUrls(JsonArray embeds, List<FakeAttachment> attachments)
    {
        foreach (var embed in embeds.OfType<JsonObject>())
        {
            foreach (var (owner, field) in new[] { ("image", "url"), ("thumbnail", "url"), ("author", "icon_url"), ("footer", "icon_url") })
            {
                if (embed[owner] is JsonObject part && Json.Str(part[field]) is { } url
                    && url.StartsWith("attachment://", StringComparison.Ordinal))
                {
                    var name = url["attachment://".Length..];
                    if (attachments.FirstOrDefault(a => a.Filename == name) is { } match)
                    {
                        part[field] = match.Url;
                        part["proxy_url"] = match.Url;
                    }
                }
            }
        }
        return embeds;
    }

    public static JsonObject AttachmentJson(FakeAttachment a)
    {
        var json = new JsonObject
        {
            ["id"] = Json.Id(a.Id),
            ["filename"] = a.Filename,
            ["size"] = a.Size,
            ["url"] = a.Url,
            ["proxy_url"] = a.Url,
            ["content_type"] = a.ContentType,
        };
        if (a.Description is not null)
        {
            json["description"] = a.Description;
        }
        return json;
    }

    private JsonObject InteractionMetadataJson(StoredInteraction interaction)
    {
        var user = Members.TryGetValue((interaction.GuildId, interaction.UserId), out var member)
            ? UserJson(member)
            : new JsonObject { ["id"] = Json.Id(interaction.UserId) };
        var json = new JsonObject
        {
            ["id"] = Json.Id(interaction.Id),
            ["type"] = interaction.Type,
            ["user"] = user,
            ["authorizing_integration_owners"] = new JsonObject { ["0"] = Json.Id(interaction.GuildId) },
        };
        if (interaction.SourceMessageId is { } source)
        {
            json["interacted_message_id"] = Json.Id(source);
        }
        return json;
    }

    public JsonObject MessageJson(StoredMessage m)
    {
        var json = new JsonObject
        {
            ["id"] = Json.Id(m.Id),
            ["type"] = m.Type,
            ["content"] = m.Content,
            ["channel_id"] = Json.Id(m.ChannelId),
            ["author"] = BotUserJson(),
            ["attachments"] = new JsonArray([.. m.Attachments.Select(a => (JsonNode)AttachmentJson(a))]),
            ["embeds"] = m.Embeds.DeepClone(),
            ["mentions"] = new JsonArray(),
            ["mention_roles"] = new JsonArray(),
            ["pinned"] = false,
            ["mention_everyone"] = false,
            ["tts"] = false,
            ["timestamp"] = Json.Iso(m.CreatedAt),
            ["edited_timestamp"] = m.EditedAt is { } e ? Json.Iso(e) : null,
            ["flags"] = m.Flags,
            ["components"] = m.Components.DeepClone(),
        };
        if (m.GuildId is { } guildId)
        {
            json["guild_id"] = Json.Id(guildId);
        }
        if (m.FromWebhook)
        {
            json["webhook_id"] = Json.Id(Options.ApplicationId);
            json["application_id"] = Json.Id(Options.ApplicationId);
        }
        if (m.InteractionMetadata is not null)
        {
            json["interaction_metadata"] = m.InteractionMetadata.DeepClone();
        }
        if (m.MessageReference is not null)
        {
            json["message_reference"] = m.MessageReference.DeepClone();
        }
        if (m.ThreadId is { } threadId && Channels.TryGetValue(threadId, out var thread))
        {
            json["thread"] = ChannelJson(thread);
        }
        return json;
    }

    public FakeMessage Snapshot(StoredMessage m) => new(
        m.Id, m.ChannelId, m.GuildId, m.Content, Json.Normalize(m.Embeds), Json.Normalize(m.Components),
        [.. m.Attachments], m.Flags, m.CreatedAt, m.EditedAt, m.Deleted, m.InteractionId, m.InteractionUserId,
        [.. m.History], Json.Normalize(MessageJson(m)));
}
