using System.Text.Json;
using StudyBot.Discord.Rest;

namespace StudyBot.Discord.Interactions.Wire;

// Wire shapes of INTERACTION_CREATE, deserialised by source generation and then checked and mapped by
// InteractionParser into the public model. Kept internal so the public model can stay friendlier than the JSON.

internal sealed record InteractionPayload
{
    public ulong Id { get; init; }
    public ulong ApplicationId { get; init; }
    public int Type { get; init; }
    public JsonElement? Data { get; init; }
    public ulong? GuildId { get; init; }
    public ulong? ChannelId { get; init; }
    public MemberPayload? Member { get; init; }
    public DiscordUser? User { get; init; }
    public string? Token { get; init; }
    public string? Locale { get; init; }
    public string? GuildLocale { get; init; }
    public ulong? AppPermissions { get; init; }
    public DiscordMessage? Message { get; init; }

    public override string ToString() => $"InteractionPayload {Id} type {Type}";
}

internal sealed record MemberPayload
{
    public DiscordUser? User { get; init; }
    public List<ulong>? Roles { get; init; }
    public ulong? Permissions { get; init; }
    public string? Nick { get; init; }
}

internal sealed record CommandDataPayload
{
    public ulong Id { get; init; }
    public string? Name { get; init; }
    public int? Type { get; init; }
    public List<OptionPayload>? Options { get; init; }
    public ResolvedPayload? Resolved { get; init; }
    public ulong? TargetId { get; init; }
}

internal sealed record OptionPayload
{
    public string? Name { get; init; }
    public int Type { get; init; }
    public JsonElement? Value { get; init; }
    public List<OptionPayload>? Options { get; init; }
    public bool? Focused { get; init; }
}

internal sealed record ResolvedPayload
{
    public Dictionary<string, DiscordUser>? Users { get; init; }
    public Dictionary<string, DiscordAttachment>? Attachments { get; init; }
}

internal sealed record ComponentDataPayload
{
    public string? CustomId { get; init; }
    public int ComponentType { get; init; }
    public List<string>? Values { get; init; }
}

internal sealed record ModalDataPayload
{
    public string? CustomId { get; init; }
    public List<ModalComponentPayload>? Components { get; init; }
}

internal sealed record ModalComponentPayload
{
    public int Type { get; init; }
    public string? CustomId { get; init; }
    public string? Value { get; init; }
    public List<string>? Values { get; init; }
    public List<ModalComponentPayload>? Components { get; init; }
    public ModalComponentPayload? Component { get; init; }
}
