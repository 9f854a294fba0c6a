using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.Rest;
using StudyBot.FakeDiscord.State;

namespace StudyBot.FakeDiscord.Control;

/// <summary>
/// The control API over HTTP under /_fake/ (JSON in, JSON out, no auth: loopback only) so a browser page can drive the
/// fake. Errors come back as <c>{"error": "..."}</c> with status 400 (or 404 for unknown ids).
/// </summary>
internal static class ControlEndpoints
{
    private static readonly TimeSpan MaxLongPoll = TimeSpan.FromSeconds(60);

    public static void Map(IEndpointRouteBuilder app, FakeDiscordServer server)
    {
        var group = app.MapGroup("/_fake");

        group.MapGet("/state", ctx => Ok(ctx, StateJson(server)));
        group.MapGet("/counters", ctx => Ok(ctx, JsonSerializerLite.Counters(server.Counters)));
        group.MapPost("/reset", ctx =>
        {
            server.Reset();
            return Ok(ctx, new JsonObject { ["ok"] = true });
        });

        group.MapPost("/guilds", Handler(async ctx =>
        {
            var body = await BodyAsync(ctx);
            var guild = server.AddGuild(Str(body, "name") ?? "Guild", Id(body, "id"), Id(body, "owner_id"));
            return GuildJson(guild);
        }));
        group.MapPost("/guilds/{guildId}/channels", Handler(async ctx =>
        {
            var body = await BodyAsync(ctx);
            var channel = server.AddChannel(RouteId(ctx, "guildId"), Str(body, "name") ?? "general",
                (int)(Json.Int(body["type"]) ?? 0), Id(body, "id"), Id(body, "parent_id"));
            return ChannelJson(channel);
        }));
        group.MapPost("/guilds/{guildId}/roles", Handler(async ctx =>
        {
            var body = await BodyAsync(ctx);
            var role = server.AddRole(RouteId(ctx, "guildId"), Str(body, "name") ?? "role", Str(body, "permissions") ?? "0", Id(body, "id"));
            return RoleJson(role);
        }));
        group.MapPost("/guilds/{guildId}/members", Handler(async ctx =>
        {
            var body = await BodyAsync(ctx);
            var roles = (body["roles"] as JsonArray ?? []).Select(r => Json.Snowflake(r) ?? 0).ToList();
            var member = server.AddMember(RouteId(ctx, "guildId"), Str(body, "username") ?? "member", Str(body, "display_name"),
                Str(body, "permissions") ?? "2248473465835073", roles, Id(body, "id"));
            return MemberJson(member);
        }));
        group.MapGet("/guilds/{guildId}/commands", Handler(ctx =>
            Task.FromResult<JsonNode>(new JsonArray([.. server.GetRegisteredCommands(RouteId(ctx, "guildId")).Select(c => (JsonNode)c)]))));
        group.MapGet("/commands", Handler(_ =>
            Task.FromResult<JsonNode>(new JsonArray([.. server.GetRegisteredCommands().Select(c => (JsonNode)c)]))));
        group.MapGet("/guilds/{guildId}/scheduled-events", Handler(ctx =>
            Task.FromResult<JsonNode>(new JsonArray([.. server.GetScheduledEvents(RouteId(ctx, "guildId")).Select(e => (JsonNode)e.Json)]))));
        group.MapGet("/channels/{channelId}/messages", Handler(ctx =>
        {
            var includeEphemeral = ctx.Request.Query["include_ephemeral"] == "true";
            var includeDeleted = ctx.Request.Query["include_deleted"] == "true";
            var messages = server.GetMessages(RouteId(ctx, "channelId"), includeEphemeral, includeDeleted);
            return Task.FromResult<JsonNode>(new JsonArray([.. messages.Select(m => (JsonNode)MessageJson(m))]));
        }));
        group.MapGet("/threads", Handler(ctx =>
        {
            ulong? parent = ulong.TryParse(ctx.Request.Query["parent_id"], out var p) ? p : null;
            return Task.FromResult<JsonNode>(new JsonArray([.. server.GetThreads(parent).Select(t => (JsonNode)ChannelJson(t))]));
        }));
        group.MapPost("/attachments", Handler(async ctx =>
        {
            if (!ctx.Request.HasFormContentType)
            {
                throw new FakeDiscordException("Upload a file as multipart/form-data (field 'file').");
            }
            var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
            var file = form.Files.Count > 0 ? form.Files[0] : throw new FakeDiscordException("No file in the upload.");
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, ctx.RequestAborted);
            var stored = server.UploadUserAttachment(file.FileName, buffer.ToArray(),
                string.IsNullOrEmpty(file.ContentType) ? null : file.ContentType);
            return FakeWorld.AttachmentJson(stored);
        }));

        MapInteractions(group, server);
        MapFaults(group, server);
        MapEvents(group, server);
    }

    private static void MapInteractions(RouteGroupBuilder group, FakeDiscordServer server)
    {
        group.MapPost("/interactions/slash", Handler(async ctx =>
        {
            var body = await BodyAsync(ctx);
            var handle = await server.SendSlashCommandAsync(ReqId(body, "guild_id"), ReqId(body, "channel_id"), ReqId(body, "member_id"),
                Str(body, "command") ?? throw new FakeDiscordException("'command' is required, e.g. \"queue add\"."),
                Options(body), ctx.RequestAborted);
            return HandleJson(handle);
        }));
        group.MapPost("/interactions/autocomplete", Handler(async ctx =>
        {
            var body = await BodyAsync(ctx);
            var handle = await server.SendAutocompleteAsync(ReqId(body, "guild_id"), ReqId(body, "channel_id"), ReqId(body, "member_id"),
                Str(body, "command") ?? throw new FakeDiscordException("'command' is required."),
                Str(body, "focused") ?? throw new FakeDiscordException("'focused' (the option being typed) is required."),
                Str(body, "value") ?? "", Options(body), ctx.RequestAborted);
            var wait = Json.Int(body["wait_ms"]) ?? 0;
            if (wait > 0)
            {
                var choices = await handle.WaitForChoicesAsync(TimeSpan.FromMilliseconds(Math.Min(wait, 10_000)), ctx.RequestAborted);
                var json = HandleJson(handle);
                json["choices"] = new JsonArray([.. choices.Select(c => (JsonNode)new JsonObject { ["name"] = c.Name, ["value"] = c.Value?.DeepClone() })]);
                return json;
            }
            return HandleJson(handle);
        }));
        group.MapPost("/interactions/button", Handler(async ctx =>
        {
            var body = await BodyAsync(ctx);
            var handle = await server.ClickButtonAsync(ReqId(body, "message_id"),
                Str(body, "custom_id") ?? throw new FakeDiscordException("'custom_id' is required."), ReqId(body, "member_id"), ctx.RequestAborted);
            return HandleJson(handle);
        }));
        group.MapPost("/interactions/select", Handler(async ctx =>
        {
            var body = await BodyAsync(ctx);
            var values = (body["values"] as JsonArray ?? []).Select(v => Json.Str(v) ?? v?.ToJsonString() ?? "").ToList();
            var handle = await server.SelectAsync(ReqId(body, "message_id"),
                Str(body, "custom_id") ?? throw new FakeDiscordException("'custom_id' is required."), values, ReqId(body, "member_id"), ctx.RequestAborted);
            return HandleJson(handle);
        }));
        group.MapPost("/interactions/modal", Handler(async ctx =>
        {
            var body = await BodyAsync(ctx);
            var values = (body["values"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => Json.Str(kv.Value) ?? "");
            var handle = await server.SubmitModalAsync(ReqId(body, "interaction_id"), values, ctx.RequestAborted);
            return HandleJson(handle);
        }));
        group.MapPost("/interactions/raw", Handler(async ctx =>
        {
            var handle = await server.InjectRawInteractionAsync(await BodyAsync(ctx), ctx.RequestAborted);
            return HandleJson(handle);
        }));
        group.MapPost("/gateway/dispatch", Handler(async ctx =>
        {
            var body = await BodyAsync(ctx);
            server.DispatchRaw(Str(body, "t") ?? throw new FakeDiscordException("'t' (the event name) is required."), body["d"]?.DeepClone());
            return new JsonObject { ["ok"] = true };
        }));
        group.MapPost("/interactions/endpoint", Handler(async ctx =>
        {
            var body = await BodyAsync(ctx);
            var url = Str(body, "url");
            var check = await server.SetInteractionsEndpointAsync(url is null ? null : new Uri(url), Json.Bool(body["verify"]) ?? true, ctx.RequestAborted);
            return new JsonObject
            {
                ["mode"] = url is null || check is { Accepted: false } ? (url is null ? "gateway" : "unchanged") : "http",
                ["accepted"] = check?.Accepted,
                ["explanation"] = check?.Explanation,
                ["public_key"] = server.PublicKeyHex,
            };
        }));
        group.MapGet("/interactions/{interactionId}", Handler(ctx =>
        {
            var handle = server.GetInteraction(RouteId(ctx, "interactionId"))
                ?? throw new KeyNotFoundException("Unknown interaction.");
            return Task.FromResult<JsonNode>(HandleJson(handle));
        }));
    }

    private static void MapFaults(RouteGroupBuilder group, FakeDiscordServer server)
    {
        group.MapPost("/faults/gateway", Handler(async ctx =>
        {
            var body = await BodyAsync(ctx);
            switch (Str(body, "action"))
            {
                case "drop":
                    server.DropGatewayConnections();
                    break;
                case "stop_acks":
                    server.AckHeartbeats = false;
                    break;
                case "resume_acks":
                    server.AckHeartbeats = true;
                    break;
                case "reconnect":
                    server.SendReconnect();
                    break;
                case "invalid_session":
                    server.SendInvalidSession(Json.Bool(body["resumable"]) ?? false);
                    break;
                case "close":
                    server.CloseGatewayConnections((int)(Json.Int(body["code"]) ?? 4000), Str(body, "reason") ?? "");
                    break;
                case "heartbeat_request":
                    server.RequestHeartbeat();
                    break;
                case "delay":
                    server.GatewayOutboundDelay = TimeSpan.FromMilliseconds(Json.Int(body["ms"]) ?? 0);
                    break;
                case "withhold_hello":
                    server.WithholdHello = Json.Bool(body["enabled"]) ?? true;
                    break;
                case "invalidate_identifies":
                    server.InvalidateEveryIdentify = Json.Bool(body["enabled"]) ?? true;
                    break;
                default:
                    throw new FakeDiscordException(
                        "'action' must be one of drop, stop_acks, resume_acks, reconnect, invalid_session, close, heartbeat_request, delay, " +
                        "withhold_hello, invalidate_identifies.");
            }
            return new JsonObject { ["ok"] = true };
        }));
        group.MapPost("/faults/rate-limit", Handler(async ctx =>
        {
            var body = await BodyAsync(ctx);
            server.InjectRateLimit(Str(body, "route") ?? throw new FakeDiscordException("'route' (a regex over \"METHOD /path\") is required."),
                (int)(Json.Int(body["count"]) ?? 1), TimeSpan.FromSeconds(Json.Num(body["retry_after"]) ?? 1), Json.Bool(body["global"]) ?? false);
            return new JsonObject { ["ok"] = true };
        }));
    }

    private static void MapEvents(RouteGroupBuilder group, FakeDiscordServer server)
    {
        // Long-poll: answers as soon as there is an event after 'after', or with [] after timeout_ms.
        group.MapGet("/events", Handler(async ctx =>
        {
            var after = long.TryParse(ctx.Request.Query["after"], out var a) ? a : 0;
            var timeoutMs = long.TryParse(ctx.Request.Query["timeout_ms"], out var t) ? t : 25_000;
            var timeout = TimeSpan.FromMilliseconds(Math.Clamp(timeoutMs, 0, (long)MaxLongPoll.TotalMilliseconds));
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, server.Stopping);
            IReadOnlyList<FakeEvent> events;
            try
            {
                events = timeout == TimeSpan.Zero ? server.GetEvents(after) : await server.WaitForEventsAsync(after, timeout, stop.Token);
            }
            catch (OperationCanceledException)
            {
                events = [];
            }
            return new JsonArray([.. events.Select(e => (JsonNode)EventJson(e))]);
        }));
        // Server-sent events: one "data:" line per event, starting after 'after'.
        group.MapGet("/events/stream", async ctx =>
        {
            var after = long.TryParse(ctx.Request.Query["after"], out var a) ? a : 0;
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(ctx.RequestAborted, server.Stopping);
            var ct = stop.Token;
            ctx.Response.ContentType = "text/event-stream";
            ctx.Response.Headers.CacheControl = "no-cache";
            await ctx.Response.Body.FlushAsync(ct);
            try
            {
                while (!ct.IsCancellationRequested)
                {
                    var events = await server.WaitForEventsAsync(after, TimeSpan.FromSeconds(15), ct);
                    if (events.Count == 0)
                    {
                        await ctx.Response.WriteAsync(": keep-alive\n\n", ct);
                    }
                    foreach (var evt in events)
                    {
                        after = evt.Sequence;
                        await ctx.Response.WriteAsync(
                            $"id: {evt.Sequence.ToString(CultureInfo.InvariantCulture)}\nevent: {evt.Kind}\ndata: {EventJson(evt).ToJsonString()}\n\n",
                            ct);
                    }
                    await ctx.Response.Body.FlushAsync(ct);
                }
            }
            catch (OperationCanceledException)
            {
                // The page went away.
            }
        });
    }

    private static RequestDelegate Handler(Func<HttpContext, Task<JsonNode>> run) => async ctx =>
    {
        try
        {
            await Ok(ctx, await run(ctx));
        }
        catch (FakeDiscordException e)
        {
            await Responses.Json(ctx, 400, new JsonObject { ["error"] = e.Message });
        }
        catch (KeyNotFoundException e)
        {
            await Responses.Json(ctx, 404, new JsonObject { ["error"] = e.Message });
        }
        catch (JsonException e)
        {
            await Responses.Json(ctx, 400, new JsonObject { ["error"] = "Invalid JSON: " + e.Message });
        }
        catch (TimeoutException e)
        {
            await Responses.Json(ctx, 504, new JsonObject { ["error"] = e.Message });
        }
    };

    private static RequestDelegate Handler(Func<HttpContext, Task<JsonObject>> run) => Handler(async ctx => (JsonNode)await run(ctx));

    private static Task Ok(HttpContext ctx, JsonNode body) => Responses.Json(ctx, 200, body);

    private static async Task<JsonObject> BodyAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var text = await reader.ReadToEndAsync(ctx.RequestAborted);
        return string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject ?? throw new FakeDiscordException("Expected a JSON object.");
    }

    private static Dictionary<string, object?> Options(JsonObject body) =>
        (body["options"] as JsonObject ?? []).ToDictionary(kv => kv.Key, kv => CommandOptionBuilder.FromJson(kv.Value));

    private static string? Str(JsonObject body, string name) => Json.Str(body[name]);

    private static ulong? Id(JsonObject body, string name) => Json.Snowflake(body[name]);

    private static ulong ReqId(JsonObject body, string name) =>
        Json.Snowflake(body[name]) ?? throw new FakeDiscordException($"'{name}' (a snowflake string) is required.");

    private static ulong RouteId(HttpContext ctx, string name) =>
        ulong.TryParse(ctx.GetRouteValue(name) as string, out var id) ? id : throw new FakeDiscordException($"'{name}' must be a snowflake.");

    private static JsonObject StateJson(FakeDiscordServer server)
    {
        var guilds = new JsonArray();
        foreach (var guild in server.GetGuilds())
        {
            var json = GuildJson(guild);
            json["channels"] = new JsonArray([.. server.GetChannels(guild.Id).Select(c => (JsonNode)ChannelJson(c))]);
            json["members"] = new JsonArray([.. server.GetMembers(guild.Id).Select(m => (JsonNode)MemberJson(m))]);
            json["roles"] = new JsonArray([.. server.GetRoles(guild.Id).Select(r => (JsonNode)RoleJson(r))]);
            json["commands"] = new JsonArray([.. server.GetRegisteredCommands(guild.Id).Select(c => (JsonNode)c)]);
            guilds.Add(json);
        }
        return new JsonObject
        {
            ["application_id"] = Json.Id(server.Options.ApplicationId),
            ["bot_username"] = server.Options.BotUsername,
            ["api_base_url"] = server.ApiBaseUrl,
            ["gateway_url"] = server.GatewayUrl,
            ["guilds"] = guilds,
            ["global_commands"] = new JsonArray([.. server.GetRegisteredCommands().Select(c => (JsonNode)c)]),
            ["gateway_sessions"] = new JsonArray([.. server.GatewaySessionIds.Select(s => (JsonNode)JsonValue.Create(s))]),
            ["connected_gateway_clients"] = server.ConnectedGatewayClients,
            ["last_event"] = server.GetEvents(0, int.MaxValue) is { Count: > 0 } all ? all[^1].Sequence : 0,
        };
    }

    private static JsonObject GuildJson(FakeGuild g) => new()
    {
        ["id"] = Json.Id(g.Id),
        ["name"] = g.Name,
        ["owner_id"] = Json.Id(g.OwnerId),
    };

    private static JsonObject ChannelJson(FakeChannel c) => new()
    {
        ["id"] = Json.Id(c.Id),
        ["guild_id"] = Json.Id(c.GuildId),
        ["name"] = c.Name,
        ["type"] = c.Type,
        ["parent_id"] = c.ParentId is { } p ? Json.Id(p) : null,
        ["auto_archive_duration"] = c.AutoArchiveDuration,
    };

    private static JsonObject RoleJson(FakeRole r) => new()
    {
        ["id"] = Json.Id(r.Id),
        ["name"] = r.Name,
        ["permissions"] = r.Permissions,
    };

    private static JsonObject MemberJson(FakeMember m) => new()
    {
        ["id"] = Json.Id(m.Id),
        ["username"] = m.Username,
        ["display_name"] = m.DisplayName,
        ["permissions"] = m.Permissions,
        ["roles"] = new JsonArray([.. m.RoleIds.Select(r => (JsonNode)JsonValue.Create(Json.Id(r)))]),
    };

    private static JsonObject MessageJson(FakeMessage m)
    {
        var json = (JsonObject)m.Json.DeepClone();
        json["deleted"] = m.IsDeleted;
        json["interaction_id"] = m.InteractionId is { } i ? Json.Id(i) : null;
        json["visible_to"] = m.IsEphemeral && m.InteractionUserId is { } u ? Json.Id(u) : null;
        json["history"] = new JsonArray([.. m.History.Select(h => (JsonNode)new JsonObject
        {
            ["at"] = Json.Iso(h.At),
            ["content"] = h.Content,
            ["embeds"] = h.Embeds.DeepClone(),
            ["components"] = h.Components.DeepClone(),
            ["attachments"] = new JsonArray([.. h.Attachments.Select(a => (JsonNode)FakeWorld.AttachmentJson(a))]),
            ["flags"] = h.Flags,
        })]);
        return json;
    }

    private static JsonObject HandleJson(FakeInteractionHandle handle)
    {
        var callback = handle.Callback.IsCompletedSuccessfully ? handle.Callback.Result : null;
        return new JsonObject
        {
            ["id"] = Json.Id(handle.Id),
            ["type"] = handle.Type,
            ["created_at"] = Json.Iso(handle.CreatedAt),
            ["callback"] = callback is null ? null : new JsonObject
            {
                ["type"] = callback.Type,
                ["data"] = callback.Data?.DeepClone(),
                ["received_at"] = Json.Iso(callback.ReceivedAt),
                ["latency_ms"] = callback.Latency.TotalMilliseconds,
            },
            ["original"] = handle.OriginalResponse is { } o ? MessageJson(o) : null,
            ["followups"] = new JsonArray([.. handle.Followups.Select(f => (JsonNode)MessageJson(f))]),
            ["modal"] = handle.Modal,
        };
    }

    private static JsonObject EventJson(FakeEvent e) => new()
    {
        ["seq"] = e.Sequence,
        ["kind"] = e.Kind,
        ["at"] = Json.Iso(e.At),
        ["guild_id"] = e.GuildId is { } g ? Json.Id(g) : null,
        ["channel_id"] = e.ChannelId is { } c ? Json.Id(c) : null,
        ["message_id"] = e.MessageId is { } m ? Json.Id(m) : null,
        ["interaction_id"] = e.InteractionId is { } i ? Json.Id(i) : null,
        ["payload"] = e.Payload?.DeepClone(),
    };
}
