using System.Text.Json.Nodes;
using StudyBot.FakeDiscord.Model;
using StudyBot.FakeDiscord.Rest;

namespace StudyBot.FakeDiscord.State;

internal sealed partial class FakeWorld
{
    private const long GuildsIntent = 1 << 0;

    /// <summary>POST /channels/{c}/messages/{m}/threads: the thread takes the message's id, as on Discord.</summary>
    public FakeChannel StartThreadFromMessage(ulong channelId, ulong messageId, JsonObject body)
    {
        var parent = RequireChannel(channelId);
        var message = RequireChannelMessage(channelId, messageId);
        if (parent.IsThread)
        {
            throw new DiscordApiException(400, 50024, "Cannot execute action on this channel type");
        }
        if (message.ThreadId is not null)
        {
            throw new DiscordApiException(400, 160004, "A thread has already been created for this message");
        }
        var (name, archive) = ValidateThreadBody(body, requireMessage: false);
        var thread = new FakeChannel(message.Id, parent.GuildId, name, parent.Type == 5 ? 10 : 11, parent.Id,
            Options.ApplicationId, archive, Now);
        Channels[thread.Id] = thread;
        message.ThreadId = thread.Id;
        AnnounceThread(thread);
        return thread;
    }

    /// <summary>POST /channels/{c}/threads: a thread without a starter message, or a forum post (needs <c>message</c>).</summary>
    public (FakeChannel Thread, StoredMessage? Starter) StartThread(ulong channelId, JsonObject body, IReadOnlyList<UploadedFile> files)
    {
        var parent = RequireChannel(channelId);
        if (parent.IsThread || parent.Type is not (0 or 5 or 15 or 16))
        {
            throw new DiscordApiException(400, 50024, "Cannot execute action on this channel type");
        }
        var isForum = parent.Type is 15 or 16;
        var (name, archive) = ValidateThreadBody(body, requireMessage: isForum);
        var type = isForum ? 11 : (int)(Json.Int(body["type"]) ?? 12);
        if (type is not (10 or 11 or 12))
        {
            var errors = new FormErrors();
            errors.Add("type", "BASE_TYPE_CHOICES", "Value must be one of {10, 11, 12}.");
            errors.ThrowIfAny();
        }
        var thread = new FakeChannel(Ids.Next(), parent.GuildId, name, type, parent.Id, Options.ApplicationId, archive, Now);
        Channels[thread.Id] = thread;
        StoredMessage? starter = null;
        if (isForum)
        {
            starter = CreateMessage(thread.Id, (JsonObject)body["message"]!, files, new MessageOrigin());
        }
        AnnounceThread(thread);
        return (thread, starter);
    }

    private static (string Name, int Archive) ValidateThreadBody(JsonObject body, bool requireMessage)
    {
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
        var archive = Json.Int(body["auto_archive_duration"]) ?? 4320;
        if (archive is not (60 or 1440 or 4320 or 10080))
        {
            errors.Add("auto_archive_duration", "BASE_TYPE_CHOICES", "Value must be one of {60, 1440, 4320, 10080}.");
        }
        if (requireMessage && body["message"] is not JsonObject)
        {
            errors.Required("message");
        }
        errors.ThrowIfAny();
        return (name!, (int)archive);
    }

    private void AnnounceThread(FakeChannel thread)
    {
        var json = ChannelJson(thread);
        json["newly_created"] = true;
        Dispatch("THREAD_CREATE", json, GuildsIntent);
        Publish(FakeEventKinds.ThreadCreated, thread.GuildId, thread.Id, null, null, ChannelJson(thread));
    }
}
