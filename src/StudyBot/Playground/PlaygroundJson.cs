using System.Globalization;
using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;

namespace StudyBot.Playground;

/// <summary>The JSON shapes the page reads: Discord's own where they exist, file URLs pointed at the playground's
/// origin (so images and downloads work from the page), plus who ran the command a reply answers.</summary>
internal static class PlaygroundJson
{
    public const string AttachmentRoute = "/api/attachments/";

    public static JsonObject Channel(FakeChannel c) => new()
    {
        ["id"] = Id(c.Id),
        ["name"] = c.Name,
        ["type"] = c.Type,
        ["parent_id"] = c.ParentId is { } p ? Id(p) : null,
        ["is_thread"] = c.IsThread,
    };

    public static JsonObject Member(FakeMember m, string effectivePermissions)
    {
        var bits = System.Numerics.BigInteger.Parse(effectivePermissions, CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["id"] = Id(m.Id),
            ["username"] = m.Username,
            ["display_name"] = m.DisplayName ?? m.Username,
            ["permissions"] = effectivePermissions,
            ["is_admin"] = (bits & 8) != 0,
        };
    }

    public static JsonObject Attachment(FakeAttachment a) => new()
    {
        ["id"] = Id(a.Id),
        ["filename"] = a.Filename,
        ["size"] = a.Size,
        ["content_type"] = a.ContentType,
        ["description"] = a.Description,
        ["url"] = LocalUrl(a),
        ["is_image"] = a.ContentType.StartsWith("image/", StringComparison.OrdinalIgnoreCase),
    };

    public static JsonObject Message(FakeMessage m, Uri fakeBaseUrl, string? commandLabel, JsonObject? interactionUser)
    {
        var fakeFiles = fakeBaseUrl.ToString().TrimEnd('/') + "/attachments/";
        var embeds = (JsonArray)m.Embeds.DeepClone();
        RewriteUrls(embeds, fakeFiles);
        var components = (JsonArray)m.Components.DeepClone();
        RewriteUrls(components, fakeFiles);
        return new JsonObject
        {
            ["id"] = Id(m.Id),
            ["channel_id"] = Id(m.ChannelId),
            ["author"] = m.Json["author"]?.DeepClone(),
            ["content"] = m.Content,
            ["embeds"] = embeds,
            ["components"] = components,
            ["attachments"] = new JsonArray([.. m.Attachments.Select(a => (JsonNode)Attachment(a))]),
            ["flags"] = m.Flags,
            ["ephemeral"] = m.IsEphemeral,
            ["loading"] = m.IsLoading,
            ["visible_to"] = m.IsEphemeral && m.InteractionUserId is { } u ? Id(u) : null,
            ["timestamp"] = m.CreatedAt.ToString("O", CultureInfo.InvariantCulture),
            ["edited_timestamp"] = m.EditedAt?.ToString("O", CultureInfo.InvariantCulture),
            ["interaction_id"] = m.InteractionId is { } i ? Id(i) : null,
            ["interaction_user"] = interactionUser,
            ["command"] = commandLabel,
            ["thread"] = m.Json["thread"] is JsonObject t ? new JsonObject { ["id"] = t["id"]?.DeepClone(), ["name"] = t["name"]?.DeepClone() } : null,
            ["reference_id"] = m.Json["message_reference"]?["message_id"]?.DeepClone(),
        };
    }

    private static string LocalUrl(FakeAttachment a) => AttachmentRoute + Id(a.Id) + "/" + Uri.EscapeDataString(a.Filename);

    /// <summary>Embed and media URLs the fake resolved from attachment:// point at the fake's port; serve them from ours.</summary>
    private static void RewriteUrls(JsonNode? node, string fakeFiles)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(kv => kv.Key).ToList())
                {
                    if (obj[key] is JsonValue v && v.TryGetValue<string>(out var s) && s.StartsWith(fakeFiles, StringComparison.Ordinal))
                    {
                        obj[key] = AttachmentRoute + s[fakeFiles.Length..];
                    }
                    else
                    {
                        RewriteUrls(obj[key], fakeFiles);
                    }
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    RewriteUrls(item, fakeFiles);
                }
                break;
            default:
                break;
        }
    }

    private static string Id(ulong id) => id.ToString(CultureInfo.InvariantCulture);
}
