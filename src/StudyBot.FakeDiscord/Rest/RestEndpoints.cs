using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using StudyBot.FakeDiscord.State;

namespace StudyBot.FakeDiscord.Rest;

/// <summary>Maps the REST routes under /api/v10 onto <see cref="FakeWorld"/> operations.</summary>
internal static class RestEndpoints
{
    private const string P = RestPipeline.Prefix;

    public static void Map(IEndpointRouteBuilder app, FakeWorld world, string verifyKey, Func<JsonObject> gatewayBot)
    {
        app.MapGet(P + "/gateway", ctx => Responses.Json(ctx, 200, new JsonObject { ["url"] = gatewayBot()["url"]!.DeepClone() }));
        app.MapGet(P + "/gateway/bot", ctx => Responses.Json(ctx, 200, gatewayBot()));
        app.MapGet(P + "/users/@me", ctx =>
        {
            lock (world.Gate)
            {
                return Responses.Json(ctx, 200, world.BotUserJson());
            }
        });
        app.MapGet(P + "/applications/@me", ctx => Responses.Json(ctx, 200, new JsonObject
        {
            ["id"] = Json.Id(world.Options.ApplicationId),
            ["name"] = world.Options.BotUsername,
            ["flags"] = 0,
            ["bot_public"] = false,
            ["verify_key"] = verifyKey,
        }));

        MapCommands(app, world);
        MapSingleCommands(app, world);
        MapGuilds(app, world);
        MapInteractions(app, world);
        MapChannels(app, world);
        MapScheduledEvents(app, world);

        app.MapFallback(P + "/{**rest}", ctx => Responses.Error(ctx, new DiscordApiException(404, 0, "404: Not Found")));
        app.MapGet("/attachments/{attachmentId}/{fileName}", async ctx =>
        {
            var id = Responses.Snowflake(ctx, "attachmentId");
            Model.FakeAttachment? file;
            lock (world.Gate)
            {
                world.Attachments.TryGetValue(id, out file);
            }
            if (file is null || file.Filename != Responses.Text(ctx, "fileName"))
            {
                ctx.Response.StatusCode = 404;
                return;
            }
            ctx.Response.ContentType = file.ContentType;
            ctx.Response.ContentLength = file.Size;
            await ctx.Response.Body.WriteAsync(file.Content, ctx.RequestAborted);
        });
    }

    private static ulong App(HttpContext ctx, FakeWorld world)
    {
        var app = Responses.Snowflake(ctx, "applicationId");
        return app == world.Options.ApplicationId ? app : throw new DiscordApiException(403, 50001, "Missing Access");
    }

    private static void MapCommands(IEndpointRouteBuilder app, FakeWorld world)
    {
        app.MapGet(P + "/applications/{applicationId}/commands", ctx =>
        {
            App(ctx, world);
            lock (world.Gate)
            {
                return Responses.Json(ctx, 200, world.ListCommands(null));
            }
        });
        app.MapPut(P + "/applications/{applicationId}/commands", async ctx =>
        {
            App(ctx, world);
            var body = await PayloadReader.ReadJsonAsync(ctx, ctx.RequestAborted);
            JsonArray result;
            lock (world.Gate)
            {
                result = world.OverwriteCommands(null, body);
            }
            await Responses.Json(ctx, 200, result);
        });
        app.MapGet(P + "/applications/{applicationId}/guilds/{guildId}/commands", ctx =>
        {
            App(ctx, world);
            var guildId = Responses.Snowflake(ctx, "guildId");
            lock (world.Gate)
            {
                return Responses.Json(ctx, 200, world.ListCommands(guildId));
            }
        });
        app.MapPut(P + "/applications/{applicationId}/guilds/{guildId}/commands", async ctx =>
        {
            App(ctx, world);
            var guildId = Responses.Snowflake(ctx, "guildId");
            var body = await PayloadReader.ReadJsonAsync(ctx, ctx.RequestAborted);
            JsonArray result;
            lock (world.Gate)
            {
                result = world.OverwriteCommands(guildId, body);
            }
            await Responses.Json(ctx, 200, result);
        });
    }

    private static void MapSingleCommands(IEndpointRouteBuilder app, FakeWorld world)
    {
        foreach (var scope in new[] { "/applications/{applicationId}/commands", "/applications/{applicationId}/guilds/{guildId}/commands" })
        {
            ulong? Guild(HttpContext ctx) => scope.Contains("guilds", StringComparison.Ordinal) ? Responses.Snowflake(ctx, "guildId") : null;
            app.MapPost(P + scope, async ctx =>
            {
                App(ctx, world);
                var body = await PayloadReader.ReadJsonAsync(ctx, ctx.RequestAborted) as JsonObject ?? [];
                (JsonObject Command, bool Created) result;
                lock (world.Gate)
                {
                    result = world.UpsertCommand(Guild(ctx), body);
                }
                await Responses.Json(ctx, result.Created ? 201 : 200, result.Command);
            });
            app.MapGet(P + scope + "/{commandId}", ctx =>
            {
                App(ctx, world);
                JsonObject command;
                lock (world.Gate)
                {
                    command = world.GetCommand(Guild(ctx), Responses.Snowflake(ctx, "commandId"));
                }
                return Responses.Json(ctx, 200, command);
            });
            app.MapPatch(P + scope + "/{commandId}", async ctx =>
            {
                App(ctx, world);
                var body = await PayloadReader.ReadJsonAsync(ctx, ctx.RequestAborted) as JsonObject ?? [];
                JsonObject command;
                lock (world.Gate)
                {
                    command = world.EditCommand(Guild(ctx), Responses.Snowflake(ctx, "commandId"), body);
                }
                await Responses.Json(ctx, 200, command);
            });
            app.MapDelete(P + scope + "/{commandId}", ctx =>
            {
                App(ctx, world);
                lock (world.Gate)
                {
                    world.DeleteCommand(Guild(ctx), Responses.Snowflake(ctx, "commandId"));
                }
                return Responses.NoContent(ctx);
            });
        }
    }

    private static void MapGuilds(IEndpointRouteBuilder app, FakeWorld world)
    {
        app.MapGet(P + "/guilds/{guildId}", ctx =>
        {
            var guildId = Responses.Snowflake(ctx, "guildId");
            JsonObject json;
            lock (world.Gate)
            {
                json = world.GuildCreateJson(world.RequireGuild(guildId));
            }
            foreach (var gatewayOnly in new[] { "members", "channels", "threads", "presences", "voice_states", "joined_at", "large", "member_count", "guild_scheduled_events", "stage_instances", "soundboard_sounds", "unavailable" })
            {
                json.Remove(gatewayOnly);
            }
            return Responses.Json(ctx, 200, json);
        });
        app.MapGet(P + "/guilds/{guildId}/channels", ctx =>
        {
            var guildId = Responses.Snowflake(ctx, "guildId");
            JsonArray channels;
            lock (world.Gate)
            {
                world.RequireGuild(guildId);
                channels = new JsonArray([.. world.Channels.Values.Where(c => c.GuildId == guildId && !c.IsThread)
                    .Select(c => (JsonNode)world.ChannelJson(c))]);
            }
            return Responses.Json(ctx, 200, channels);
        });
    }

    private static void MapInteractions(IEndpointRouteBuilder app, FakeWorld world)
    {
        app.MapPost(P + "/interactions/{interactionId}/{token}/callback", async ctx =>
        {
            var id = Responses.Snowflake(ctx, "interactionId");
            var token = Responses.Text(ctx, "token");
            var (body, files) = await PayloadReader.ReadAsync(ctx, world.Options.MaxFileSizeBytes, ctx.RequestAborted);
            JsonObject response;
            lock (world.Gate)
            {
                response = world.Callback(id, token, body, files);
            }
            if (string.Equals(ctx.Request.Query["with_response"], "true", StringComparison.OrdinalIgnoreCase))
            {
                await Responses.Json(ctx, 200, response);
            }
            else
            {
                await Responses.NoContent(ctx);
            }
        });

        const string Hook = P + "/webhooks/{applicationId}/{token}";
        app.MapPost(Hook, async ctx =>
        {
            var (body, files) = await PayloadReader.ReadAsync(ctx, world.Options.MaxFileSizeBytes, ctx.RequestAborted);
            JsonObject json;
            lock (world.Gate)
            {
                var interaction = world.RequireWebhook(Responses.Snowflake(ctx, "applicationId"), Responses.Text(ctx, "token"));
                json = world.MessageJson(world.CreateFollowup(interaction, body, files));
            }
            await Responses.Json(ctx, 200, json);
        });
        app.MapGet(Hook + "/messages/{messageId}", ctx =>
        {
            lock (world.Gate)
            {
                return Responses.Json(ctx, 200, world.MessageJson(WebhookMessage(ctx, world)));
            }
        });
        app.MapPatch(Hook + "/messages/{messageId}", async ctx =>
        {
            var (body, files) = await PayloadReader.ReadAsync(ctx, world.Options.MaxFileSizeBytes, ctx.RequestAborted);
            JsonObject json;
            lock (world.Gate)
            {
                json = world.MessageJson(world.EditMessage(WebhookMessage(ctx, world), body, files));
            }
            await Responses.Json(ctx, 200, json);
        });
        app.MapDelete(Hook + "/messages/{messageId}", ctx =>
        {
            lock (world.Gate)
            {
                world.DeleteMessage(WebhookMessage(ctx, world));
            }
            return Responses.NoContent(ctx);
        });
    }

    private static StoredMessage WebhookMessage(HttpContext ctx, FakeWorld world)
    {
        var interaction = world.RequireWebhook(Responses.Snowflake(ctx, "applicationId"), Responses.Text(ctx, "token"));
        var raw = Responses.Text(ctx, "messageId");
        return raw == "@original"
            ? world.RequireOriginal(interaction)
            : world.RequireWebhookMessage(interaction, Responses.Snowflake(ctx, "messageId"));
    }

    private static void MapChannels(IEndpointRouteBuilder app, FakeWorld world)
    {
        const string Messages = P + "/channels/{channelId}/messages";
        app.MapGet(P + "/channels/{channelId}", ctx =>
        {
            var channelId = Responses.Snowflake(ctx, "channelId");
            lock (world.Gate)
            {
                return Responses.Json(ctx, 200, world.ChannelJson(world.RequireChannel(channelId)));
            }
        });
        app.MapPost(Messages, async ctx =>
        {
            var channelId = Responses.Snowflake(ctx, "channelId");
            var (body, files) = await PayloadReader.ReadAsync(ctx, world.Options.MaxFileSizeBytes, ctx.RequestAborted);
            JsonObject json;
            lock (world.Gate)
            {
                json = world.MessageJson(world.CreateMessage(channelId, body, files, new MessageOrigin()));
            }
            await Responses.Json(ctx, 200, json);
        });
        app.MapGet(Messages, ctx =>
        {
            var channelId = Responses.Snowflake(ctx, "channelId");
            var limit = int.TryParse(ctx.Request.Query["limit"], out var l) ? l : 50;
            if (limit is < 1 or > 100)
            {
                var errors = new FormErrors();
                errors.Add("limit", "NUMBER_TYPE_MAX", "int value should be less than or equal to 100.");
                throw DiscordApiException.InvalidForm(errors.Tree);
            }
            ulong? before = ulong.TryParse(ctx.Request.Query["before"], out var b) ? b : null;
            ulong? after = ulong.TryParse(ctx.Request.Query["after"], out var a) ? a : null;
            lock (world.Gate)
            {
                world.RequireChannel(channelId);
                var ids = world.ChannelMessageIds.GetValueOrDefault(channelId) ?? [];
                var selected = ids.Where(id => (before is null || id < before) && (after is null || id > after))
                    .OrderDescending().Take(limit).Select(id => (JsonNode)world.MessageJson(world.Messages[id]));
                return Responses.Json(ctx, 200, new JsonArray([.. selected]));
            }
        });
        app.MapGet(Messages + "/{messageId}", ctx =>
        {
            var channelId = Responses.Snowflake(ctx, "channelId");
            var messageId = Responses.Snowflake(ctx, "messageId");
            lock (world.Gate)
            {
                return Responses.Json(ctx, 200, world.MessageJson(world.RequireChannelMessage(channelId, messageId)));
            }
        });
        app.MapPatch(Messages + "/{messageId}", async ctx =>
        {
            var channelId = Responses.Snowflake(ctx, "channelId");
            var messageId = Responses.Snowflake(ctx, "messageId");
            var (body, files) = await PayloadReader.ReadAsync(ctx, world.Options.MaxFileSizeBytes, ctx.RequestAborted);
            JsonObject json;
            lock (world.Gate)
            {
                json = world.MessageJson(world.EditMessage(world.RequireChannelMessage(channelId, messageId), body, files));
            }
            await Responses.Json(ctx, 200, json);
        });
        app.MapDelete(Messages + "/{messageId}", ctx =>
        {
            var channelId = Responses.Snowflake(ctx, "channelId");
            var messageId = Responses.Snowflake(ctx, "messageId");
            lock (world.Gate)
            {
                world.DeleteMessage(world.RequireChannelMessage(channelId, messageId));
            }
            return Responses.NoContent(ctx);
        });
        app.MapPost(Messages + "/{messageId}/threads", async ctx =>
        {
            var channelId = Responses.Snowflake(ctx, "channelId");
            var messageId = Responses.Snowflake(ctx, "messageId");
            var body = await PayloadReader.ReadJsonAsync(ctx, ctx.RequestAborted) as JsonObject ?? [];
            JsonObject json;
            lock (world.Gate)
            {
                json = world.ChannelJson(world.StartThreadFromMessage(channelId, messageId, body));
            }
            await Responses.Json(ctx, 201, json);
        });
        app.MapPost(P + "/channels/{channelId}/threads", async ctx =>
        {
            var channelId = Responses.Snowflake(ctx, "channelId");
            var (body, files) = await PayloadReader.ReadAsync(ctx, world.Options.MaxFileSizeBytes, ctx.RequestAborted);
            JsonObject json;
            lock (world.Gate)
            {
                var (thread, starter) = world.StartThread(channelId, body, files);
                json = world.ChannelJson(thread);
                if (starter is not null)
                {
                    json["message"] = world.MessageJson(starter);
                }
            }
            await Responses.Json(ctx, 201, json);
        });
    }

    private static void MapScheduledEvents(IEndpointRouteBuilder app, FakeWorld world)
    {
        const string Events = P + "/guilds/{guildId}/scheduled-events";
        app.MapGet(Events, ctx =>
        {
            var guildId = Responses.Snowflake(ctx, "guildId");
            lock (world.Gate)
            {
                return Responses.Json(ctx, 200, world.ListScheduledEvents(guildId));
            }
        });
        app.MapPost(Events, async ctx =>
        {
            var guildId = Responses.Snowflake(ctx, "guildId");
            var body = await PayloadReader.ReadJsonAsync(ctx, ctx.RequestAborted) as JsonObject ?? [];
            JsonObject json;
            lock (world.Gate)
            {
                json = world.CreateScheduledEvent(guildId, body);
            }
            await Responses.Json(ctx, 200, json);
        });
        app.MapGet(Events + "/{eventId}", ctx =>
        {
            var guildId = Responses.Snowflake(ctx, "guildId");
            var eventId = Responses.Snowflake(ctx, "eventId");
            lock (world.Gate)
            {
                return Responses.Json(ctx, 200, world.RequireScheduledEvent(guildId, eventId).DeepClone());
            }
        });
        app.MapPatch(Events + "/{eventId}", async ctx =>
        {
            var guildId = Responses.Snowflake(ctx, "guildId");
            var eventId = Responses.Snowflake(ctx, "eventId");
            var body = await PayloadReader.ReadJsonAsync(ctx, ctx.RequestAborted) as JsonObject ?? [];
            JsonObject json;
            lock (world.Gate)
            {
                json = world.ModifyScheduledEvent(guildId, eventId, body);
            }
            await Responses.Json(ctx, 200, json);
        });
    }
}
