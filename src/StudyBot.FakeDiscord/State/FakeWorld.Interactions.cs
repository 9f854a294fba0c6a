using System.Security.Cryptography;
using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.Rest;

namespace StudyBot.FakeDiscord.State;

internal sealed partial class FakeWorld
{
    /// <summary>Stores an interaction and dispatches INTERACTION_CREATE. Call under <see cref="Gate"/>.</summary>
    public StoredInteraction CreateInteraction(int type, FakeMember member, FakeChannel channel, JsonObject data, StoredMessage? source)
    {
        var id = Ids.Next();
        var token = NewToken(id);
        var payload = new JsonObject
        {
            ["id"] = Json.Id(id),
            ["application_id"] = Json.Id(Options.ApplicationId),
            ["type"] = type,
            ["data"] = data,
            ["guild"] = new JsonObject { ["id"] = Json.Id(channel.GuildId), ["locale"] = "en-US", ["features"] = new JsonArray() },
            ["guild_id"] = Json.Id(channel.GuildId),
            ["channel"] = ChannelJson(channel),
            ["channel_id"] = Json.Id(channel.Id),
            ["member"] = MemberJson(member, withUser: true, withPermissions: true),
            ["token"] = token,
            ["version"] = 1,
            ["locale"] = "en-US",
            ["guild_locale"] = "en-US",
            ["app_permissions"] = "2248473465835073",
            ["entitlements"] = new JsonArray(),
            ["authorizing_integration_owners"] = new JsonObject { ["0"] = Json.Id(channel.GuildId) },
            ["context"] = 0,
            ["attachment_size_limit"] = Options.MaxFileSizeBytes,
        };
        if (source is not null)
        {
            payload["message"] = MessageJson(source);
        }
        payload = Json.Normalize(payload);
        var interaction = new StoredInteraction
        {
            Id = id,
            Token = token,
            Type = type,
            GuildId = channel.GuildId,
            ChannelId = channel.Id,
            UserId = member.Id,
            CreatedAt = Now,
            Payload = payload,
            SourceMessageId = source?.Id,
        };
        Interactions[id] = interaction;
        InteractionsByToken[token] = interaction;
        if (InteractionsEndpoint is null)
        {
            Dispatch("INTERACTION_CREATE", (JsonObject)payload.DeepClone(), 0);
        }
        Publish(FakeEventKinds.InteractionCreated, channel.GuildId, channel.Id, source?.Id, id, payload);
        return interaction;
    }

    /// <summary>When set, interactions go to this URL (signed HTTP POST) instead of the gateway, as on Discord.</summary>
    public Uri? InteractionsEndpoint { get; set; }

    public StoredInteraction InjectRawInteraction(JsonObject payload)
    {
        var id = Json.Snowflake(payload["id"]) ?? Ids.Next();
        var token = Json.Str(payload["token"]) ?? NewToken(id);
        payload["id"] ??= Json.Id(id);
        payload["token"] ??= token;
        var interaction = new StoredInteraction
        {
            Id = id,
            Token = token,
            Type = (int)(Json.Int(payload["type"]) ?? 0),
            GuildId = Json.Snowflake(payload["guild_id"]) ?? 0,
            // Responses need somewhere to live: an unknown channel falls back to the first text channel.
            ChannelId = Json.Snowflake(payload["channel_id"]) is { } c && Channels.ContainsKey(c)
                ? c
                : Channels.Values.Where(ch => ch.Type == 0).Select(ch => ch.Id).FirstOrDefault(),
            UserId = Json.Snowflake((payload["member"] as JsonObject)?["user"]?["id"]) ?? Json.Snowflake(payload["user"]?["id"]) ?? 0,
            CreatedAt = Now,
            Payload = Json.Normalize(payload),
            SourceMessageId = Json.Snowflake(payload["message"]?["id"]),
        };
        Interactions[id] = interaction;
        InteractionsByToken[token] = interaction;
        if (InteractionsEndpoint is null)
        {
            DispatchRaw("INTERACTION_CREATE", payload);
        }
        Publish(FakeEventKinds.InteractionCreated, interaction.GuildId, interaction.ChannelId, null, id, payload.DeepClone());
        return interaction;
    }

    private static string NewToken(ulong id) =>
        "aW50ZXJhY3Rpb246" + Json.Id(id) + ":" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(72))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=');

    /// <summary>POST /interactions/{id}/{token}/callback. Returns the <c>with_response</c> body. Call under <see cref="Gate"/>.</summary>
    public JsonObject Callback(ulong id, string token, JsonObject body, IReadOnlyList<UploadedFile> files)
    {
        if (!Interactions.TryGetValue(id, out var interaction) || interaction.Token != token)
        {
            throw DiscordApiException.UnknownInteraction();
        }
        if (interaction.Callback is not null)
        {
            throw DiscordApiException.AlreadyAcknowledged();
        }
        var now = Now;
        if (now - interaction.CreatedAt > Options.CallbackDeadline)
        {
            throw DiscordApiException.UnknownInteraction();
        }
        var type = Json.Int(body["type"]);
        var data = body["data"] as JsonObject;
        var errors = new FormErrors();
        if (type is not (1 or 4 or 5 or 6 or 7 or 8 or 9 or 10 or 12))
        {
            errors.Add("type", "BASE_TYPE_CHOICES", "Value must be one of {1, 4, 5, 6, 7, 8, 9, 10, 12}.");
            errors.ThrowIfAny();
        }
        var allowed = interaction.Type switch
        {
            1 => type == 1,
            2 => type is 4 or 5 or 9,
            3 => type is 4 or 5 or 6 or 7 or 9,
            4 => type == 8,
            5 => type is 4 or 5 or 6 or 7,
            _ => false,
        };
        if (!allowed)
        {
            throw new DiscordApiException(400, 50035, "Invalid Form Body", ErrorTree("type", "INTERACTION_RESPONSE_TYPE_INVALID",
                $"Interaction response type {type} is not valid for interaction type {interaction.Type}."));
        }
        if (interaction.Type == 5 && type is 6 or 7 && interaction.SourceMessageId is null)
        {
            throw new DiscordApiException(400, 50035, "Invalid Form Body", ErrorTree("type", "INTERACTION_RESPONSE_TYPE_INVALID",
                "This modal was not opened from a message component."));
        }

        JsonObject? resourceMessage = null;
        switch (type)
        {
            case 4:
                {
                    var message = CreateMessage(interaction.ChannelId, data ?? [], files,
                        new MessageOrigin(Type: interaction.Type == 2 ? 20 : 19, Interaction: interaction, AllowEphemeral: true));
                    interaction.OriginalMessageId = message.Id;
                    resourceMessage = MessageJson(message);
                    break;
                }
            case 5:
                {
                    var flags = (int)(Json.Int(data?["flags"]) ?? 0) & 64;
                    var message = CreateMessage(interaction.ChannelId, [], [],
                        new MessageOrigin(Type: interaction.Type == 2 ? 20 : 19, Interaction: interaction, AllowEphemeral: true,
                            ExtraFlags: 128 | flags));
                    interaction.OriginalMessageId = message.Id;
                    resourceMessage = MessageJson(message);
                    break;
                }
            case 6:
                interaction.OriginalMessageId = interaction.SourceMessageId;
                break;
            case 7:
                {
                    var source = Messages[interaction.SourceMessageId!.Value];
                    EditMessage(source, data ?? [], files);
                    interaction.OriginalMessageId = source.Id;
                    resourceMessage = MessageJson(source);
                    break;
                }
            case 8:
                ValidateChoices(data, errors);
                break;
            case 9:
                ValidateModal(data, errors);
                interaction.Modal = (JsonObject?)data?.DeepClone();
                break;
            default:
                break;
        }
        errors.ThrowIfAny();

        var callback = new FakeInteractionCallback((int)type!.Value, (JsonObject?)data?.DeepClone(), now, now - interaction.CreatedAt);
        interaction.Callback = callback;
        interaction.CallbackReceived.TrySetResult(callback);
        Publish(FakeEventKinds.InteractionCallback, interaction.GuildId, interaction.ChannelId, interaction.OriginalMessageId,
            interaction.Id, new JsonObject { ["type"] = type, ["data"] = data?.DeepClone() });

        var response = new JsonObject
        {
            ["interaction"] = new JsonObject
            {
                ["id"] = Json.Id(interaction.Id),
                ["type"] = interaction.Type,
                ["response_message_id"] = interaction.OriginalMessageId is { } mid ? Json.Id(mid) : null,
                ["response_message_loading"] = type == 5,
                ["response_message_ephemeral"] = resourceMessage is not null && ((Json.Int(resourceMessage["flags"]) ?? 0) & 64) != 0,
            },
        };
        if (type is not (6 or 1))
        {
            response["resource"] = new JsonObject { ["type"] = type, ["message"] = resourceMessage };
        }
        return response;
    }

    private static JsonObject ErrorTree(string path, string code, string message)
    {
        var errors = new FormErrors();
        errors.Add(path, code, message);
        return errors.Tree;
    }

    private static void ValidateChoices(JsonObject? data, FormErrors errors)
    {
        if (data?["choices"] is not JsonArray choices)
        {
            errors.Required("data.choices");
            return;
        }
        if (choices.Count > 25)
        {
            errors.MaxLength("data.choices", 25);
        }
        for (var i = 0; i < choices.Count; i++)
        {
            if (choices[i] is not JsonObject choice || Json.Str(choice["name"]) is not { Length: >= 1 and <= 100 })
            {
                errors.Add($"data.choices.{i}.name", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
                continue;
            }
            if (choice["value"] is null || (Json.Str(choice["value"]) is { } s && s.Length > 100))
            {
                errors.Add($"data.choices.{i}.value", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
            }
        }
    }

    private static void ValidateModal(JsonObject? data, FormErrors errors)
    {
        if (data is null)
        {
            errors.Required("data");
            return;
        }
        if (Json.Str(data["custom_id"]) is not { Length: >= 1 and <= 100 })
        {
            errors.Add("data.custom_id", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
        }
        if (Json.Str(data["title"]) is not { Length: >= 1 and <= 45 })
        {
            errors.Add("data.title", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 45 in length.");
        }
        if (data["components"] is not JsonArray components || components.Count is 0 or > 5)
        {
            errors.Add("data.components", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 5 in length.");
            return;
        }
        for (var i = 0; i < components.Count; i++)
        {
            var path = $"data.components.{i}";
            var top = components[i] as JsonObject;
            var inputs = Json.Int(top?["type"]) switch
            {
                18 => top!["component"] is JsonObject inner ? [inner] : [],
                1 => top!["components"] is JsonArray row ? row.OfType<JsonObject>().ToList() : [],
                10 => [],
                _ => (List<JsonObject>?)null,
            };
            if (inputs is null)
            {
                errors.Add(path + ".type", "UNION_TYPE_CHOICES", "Value of field \"type\" must be one of (1, 10, 18).");
                continue;
            }
            if (Json.Int(top!["type"]) == 18 && Json.Str(top["label"]) is not { Length: >= 1 and <= 45 })
            {
                errors.Add(path + ".label", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 45 in length.");
            }
            foreach (var input in inputs)
            {
                if (Json.Str(input["custom_id"]) is not { Length: >= 1 and <= 100 })
                {
                    errors.Add(path + ".custom_id", "BASE_TYPE_BAD_LENGTH", "Must be between 1 and 100 in length.");
                }
                if (Json.Int(input["type"]) == 4 && Json.Int(top["type"]) == 18 && input.ContainsKey("label"))
                {
                    errors.Add(path + ".component.label", "TEXT_INPUT_LABEL_NOT_ALLOWED",
                        "Text inputs inside a Label must not have their own label");
                }
            }
        }
    }

    /// <summary>Finds the interaction a webhook token belongs to, enforcing application id and token lifetime.</summary>
    public StoredInteraction RequireWebhook(ulong applicationId, string token)
    {
        if (applicationId != Options.ApplicationId)
        {
            throw DiscordApiException.UnknownWebhook();
        }
        if (!InteractionsByToken.TryGetValue(token, out var interaction))
        {
            throw DiscordApiException.InvalidWebhookToken();
        }
        if (Now - interaction.CreatedAt > Options.WebhookTokenLifetime)
        {
            throw DiscordApiException.InvalidWebhookToken();
        }
        return interaction;
    }

    public StoredMessage RequireOriginal(StoredInteraction interaction)
    {
        if (interaction.Callback is null)
        {
            throw DiscordApiException.UnknownWebhook();
        }
        return interaction.OriginalMessageId is { } id && Messages.TryGetValue(id, out var m) && !m.Deleted
            ? m
            : throw DiscordApiException.UnknownMessage();
    }

    public StoredMessage RequireWebhookMessage(StoredInteraction interaction, ulong messageId)
    {
        var belongs = interaction.OriginalMessageId == messageId || interaction.FollowupIds.Contains(messageId);
        return belongs && Messages.TryGetValue(messageId, out var m) && !m.Deleted ? m : throw DiscordApiException.UnknownMessage();
    }

    public StoredMessage CreateFollowup(StoredInteraction interaction, JsonObject body, IReadOnlyList<UploadedFile> files)
    {
        if (interaction.Callback is null)
        {
            throw DiscordApiException.UnknownWebhook();
        }
        var message = CreateMessage(interaction.ChannelId, body, files,
            new MessageOrigin(Type: 0, Interaction: interaction, AllowEphemeral: true));
        interaction.FollowupIds.Add(message.Id);
        return message;
    }
}
