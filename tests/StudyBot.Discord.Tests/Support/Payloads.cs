using System.Text.Json;

namespace StudyBot.Discord.Tests.Support;

/// <summary>Example INTERACTION_CREATE payloads written from the shapes in Discord's interaction docs.</summary>
public static class Payloads
{
    public static JsonElement Json(string json) => JsonDocument.Parse(json).RootElement.Clone();

    public const string SlashCommandWithSubcommandGroup = """
        {
          "id": "1180000000000000001",
          "application_id": "1170000000000000000",
          "type": 2,
          "token": "aW50ZXJhY3Rpb246MTE4MDAwMDAwMDAwMDAwMDAwMTpzZWNyZXQ",
          "version": 1,
          "guild_id": "1160000000000000000",
          "channel_id": "1150000000000000000",
          "locale": "en-GB",
          "guild_locale": "en-US",
          "app_permissions": "442368",
          "member": {
            "user": { "id": "1140000000000000000", "username": "ada", "global_name": "Ada", "discriminator": "0", "avatar": null },
            "roles": ["1130000000000000000"],
            "permissions": "2147483647",
            "nick": null,
            "joined_at": "2024-01-01T00:00:00.000000+00:00",
            "deaf": false,
            "mute": false
          },
          "data": {
            "id": "1120000000000000000",
            "name": "club",
            "type": 1,
            "options": [
              {
                "name": "schedule",
                "type": 2,
                "options": [
                  {
                    "name": "set",
                    "type": 1,
                    "options": [
                      { "name": "weekday", "type": 3, "value": "thursday" },
                      { "name": "hour", "type": 4, "value": 18 },
                      { "name": "weight", "type": 10, "value": 0.5 },
                      { "name": "public", "type": 5, "value": true },
                      { "name": "host", "type": 6, "value": "1140000000000000000" },
                      { "name": "slides", "type": 11, "value": "1100000000000000000" }
                    ]
                  }
                ]
              }
            ],
            "resolved": {
              "users": {
                "1140000000000000000": { "id": "1140000000000000000", "username": "ada", "global_name": "Ada" }
              },
              "attachments": {
                "1100000000000000000": {
                  "id": "1100000000000000000",
                  "filename": "slides.pdf",
                  "size": 2048,
                  "url": "https://cdn.discordapp.com/attachments/1/2/slides.pdf",
                  "proxy_url": "https://media.discordapp.net/attachments/1/2/slides.pdf",
                  "content_type": "application/pdf"
                }
              }
            }
          }
        }
        """;

    public const string AutocompleteInDm = """
        {
          "id": "1180000000000000002",
          "application_id": "1170000000000000000",
          "type": 4,
          "token": "dG9rZW4y",
          "version": 1,
          "channel_id": "1150000000000000001",
          "user": { "id": "1140000000000000001", "username": "grace", "global_name": null },
          "data": {
            "id": "1120000000000000001",
            "name": "paper",
            "type": 1,
            "options": [
              {
                "name": "show",
                "type": 1,
                "options": [ { "name": "title", "type": 3, "value": "atten", "focused": true } ]
              }
            ]
          }
        }
        """;

    public const string ButtonClick = """
        {
          "id": "1180000000000000003",
          "application_id": "1170000000000000000",
          "type": 3,
          "token": "dG9rZW4z",
          "version": 1,
          "guild_id": "1160000000000000000",
          "channel_id": "1150000000000000000",
          "member": { "user": { "id": "1140000000000000000", "username": "ada" }, "roles": [], "permissions": "1024" },
          "message": { "id": "1190000000000000000", "channel_id": "1150000000000000000", "content": "RSVP?", "components": [] },
          "data": { "custom_id": "rsvp:yes:42", "component_type": 2 }
        }
        """;

    public const string SelectMenu = """
        {
          "id": "1180000000000000004",
          "application_id": "1170000000000000000",
          "type": 3,
          "token": "dG9rZW40",
          "guild_id": "1160000000000000000",
          "channel_id": "1150000000000000000",
          "member": { "user": { "id": "1140000000000000000", "username": "ada" }, "roles": [], "permissions": "0" },
          "message": { "id": "1190000000000000001", "channel_id": "1150000000000000000" },
          "data": { "custom_id": "vote", "component_type": 3, "values": ["paper-1", "paper-3"] }
        }
        """;

    public const string ModalSubmitActionRows = """
        {
          "id": "1180000000000000005",
          "application_id": "1170000000000000000",
          "type": 5,
          "token": "dG9rZW41",
          "guild_id": "1160000000000000000",
          "channel_id": "1150000000000000000",
          "member": { "user": { "id": "1140000000000000000", "username": "ada" }, "roles": [], "permissions": "0" },
          "data": {
            "custom_id": "note:edit",
            "components": [
              { "type": 1, "components": [ { "type": 4, "custom_id": "summary", "value": "A short summary." } ] },
              { "type": 1, "components": [ { "type": 4, "custom_id": "question", "value": "" } ] }
            ]
          }
        }
        """;

    public const string ModalSubmitLabels = """
        {
          "id": "1180000000000000006",
          "application_id": "1170000000000000000",
          "type": 5,
          "token": "dG9rZW42",
          "guild_id": "1160000000000000000",
          "channel_id": "1150000000000000000",
          "member": { "user": { "id": "1140000000000000000", "username": "ada" }, "roles": [], "permissions": "0" },
          "data": {
            "custom_id": "note:edit",
            "components": [
              { "type": 18, "id": 1, "component": { "type": 4, "id": 2, "custom_id": "summary", "value": "Labels wrap inputs now." } },
              { "type": 18, "id": 3, "component": { "type": 3, "id": 4, "custom_id": "tags", "values": ["nlp", "vision"] } },
              { "type": 10, "id": 5 }
            ]
          }
        }
        """;
}
