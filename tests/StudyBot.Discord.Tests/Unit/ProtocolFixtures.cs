namespace StudyBot.Discord.Tests.Unit;

/// <summary>
/// Gateway and REST payloads written by hand from the shapes in Discord's developer documentation (gateway events,
/// gateway, rate limits, opcodes and status codes, message resource). Ids, tokens and text are made up.
/// </summary>
internal static class ProtocolFixtures
{
    public const string Hello = """
        {"op":10,"d":{"heartbeat_interval":41250},"s":null,"t":null}
        """;

    public const string Ready = """
        {
          "op": 0,
          "s": 1,
          "t": "READY",
          "d": {
            "v": 10,
            "user": { "id": "1100000000000000001", "username": "StudyBot", "discriminator": "0", "global_name": null, "avatar": null, "bot": true },
            "guilds": [ { "id": "1160000000000000000", "unavailable": true } ],
            "session_id": "9b1c3f0e2a7d4e5f8a6b7c8d9e0f1a2b",
            "resume_gateway_url": "wss://gateway-us-east1-c.discord.gg",
            "shard": [0, 1],
            "application": { "id": "1100000000000000001", "flags": 8953856 }
          }
        }
        """;

    public const string Resumed = """
        {"op":0,"s":57,"t":"RESUMED","d":{}}
        """;

    public const string InvalidSessionNotResumable = """
        {"op":9,"d":false,"s":null,"t":null}
        """;

    public const string InvalidSessionResumable = """
        {"op":9,"d":true,"s":null,"t":null}
        """;

    public const string Reconnect = """
        {"op":7,"d":null,"s":null,"t":null}
        """;

    public const string HeartbeatAck = """
        {"op":11}
        """;

    public const string GatewayBot = """
        {
          "url": "wss://gateway.discord.gg",
          "shards": 1,
          "session_start_limit": { "total": 1000, "remaining": 997, "reset_after": 14400000, "max_concurrency": 1 }
        }
        """;

    public const string RateLimited = """
        {"message":"You are being rate limited.","retry_after":64.57,"global":false}
        """;

    public const string GloballyRateLimited = """
        {"message":"You are being rate limited.","retry_after":1.336,"global":true,"code":0}
        """;

    public const string InvalidFormBody = """
        {
          "code": 50035,
          "message": "Invalid Form Body",
          "errors": {
            "content": { "_errors": [ { "code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 2000 or fewer in length." } ] },
            "embeds": { "0": { "title": { "_errors": [ { "code": "BASE_TYPE_MAX_LENGTH", "message": "Must be 256 or fewer in length." } ] } } }
          }
        }
        """;

    public const string Message = """
        {
          "id": "1250000000000000001",
          "channel_id": "1150000000000000000",
          "type": 0,
          "author": { "id": "1100000000000000001", "username": "StudyBot", "discriminator": "0", "global_name": null, "avatar": null, "bot": true },
          "content": "Reading group starts in 15 minutes",
          "timestamp": "2026-03-02T18:00:00.123000+00:00",
          "edited_timestamp": null,
          "tts": false,
          "mention_everyone": false,
          "mentions": [],
          "mention_roles": [],
          "attachments": [
            {
              "id": "1260000000000000001",
              "filename": "loss.png",
              "size": 20480,
              "url": "https://cdn.discordapp.com/attachments/1150000000000000000/1260000000000000001/loss.png",
              "proxy_url": "https://media.discordapp.net/attachments/1150000000000000000/1260000000000000001/loss.png",
              "content_type": "image/png",
              "width": 640,
              "height": 480
            }
          ],
          "embeds": [
            {
              "type": "rich",
              "title": "Attention Is All You Need",
              "description": "Session 12",
              "color": 5793266,
              "fields": [ { "name": "When", "value": "<t:1772474400:F>", "inline": true } ],
              "footer": { "text": "StudyBot" }
            }
          ],
          "components": [
            { "type": 1, "id": 1, "components": [ { "type": 2, "id": 2, "style": 1, "label": "Going", "custom_id": "rsvp:yes" } ] }
          ],
          "pinned": false,
          "flags": 0
        }
        """;
}
