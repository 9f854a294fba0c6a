using System.Globalization;
using LiteDB;
using StudyBot.Core.Club;
using StudyBot.Storage.Queue;

namespace StudyBot.Storage.Club;

/// <summary>Hand-written mapping between club records and stored documents.</summary>
internal static class ClubDocuments
{
    public static BsonDocument FromSchedule(ClubSchedule s) => new()
    {
        ["_id"] = QueueDocuments.Snowflake(s.GuildId),
        ["channel"] = QueueDocuments.Snowflake(s.ChannelId),
        ["day"] = (int)s.Day,
        ["time"] = s.LocalTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture),
        ["zone"] = s.TimeZoneId,
        ["durationMinutes"] = s.Duration.TotalMinutes,
        ["reminderMinutes"] = new BsonArray(s.ReminderOffsets.Select(o => new BsonValue(o.TotalMinutes))),
        ["pickMinutes"] = s.PickLead.TotalMinutes,
        ["skipped"] = new BsonArray(s.SkippedDates.Select(d => new BsonValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))),
        ["updatedAt"] = QueueDocuments.Instant(s.UpdatedAt),
    };

    public static ClubSchedule ToSchedule(BsonDocument d) => new(
        QueueDocuments.Snowflake(d["_id"]),
        QueueDocuments.Snowflake(d["channel"]),
        (DayOfWeek)d["day"].AsInt32,
        TimeOnly.ParseExact(d["time"].AsString, "HH:mm:ss", CultureInfo.InvariantCulture),
        d["zone"].AsString,
        TimeSpan.FromMinutes(d["durationMinutes"].AsDouble),
        d["reminderMinutes"].AsArray.Select(m => TimeSpan.FromMinutes(m.AsDouble)).ToList(),
        TimeSpan.FromMinutes(d["pickMinutes"].AsDouble),
        d["skipped"].AsArray.Select(s => DateOnly.ParseExact(s.AsString, "yyyy-MM-dd", CultureInfo.InvariantCulture)).ToList(),
        QueueDocuments.Instant(d["updatedAt"]));

    public static BsonValue SessionId(ulong guildId, string sessionId) => $"{guildId}/{sessionId}";

    public static BsonDocument FromSession(ClubSession s) => new()
    {
        ["_id"] = SessionId(s.GuildId, s.SessionId),
        ["guild"] = QueueDocuments.Snowflake(s.GuildId),
        ["session"] = s.SessionId,
        ["startsAt"] = QueueDocuments.Instant(s.StartsAt),
        ["endsAt"] = QueueDocuments.Instant(s.EndsAt),
        ["status"] = s.Status.ToString(),
        ["paperKey"] = s.PaperKey is null ? BsonValue.Null : s.PaperKey,
        ["paperTitle"] = s.PaperTitle is null ? BsonValue.Null : s.PaperTitle,
        ["presenter"] = s.PresenterId is { } p ? QueueDocuments.Snowflake(p) : BsonValue.Null,
        ["rsvps"] = new BsonArray(s.Rsvps.OrderBy(r => r.Key).Select(r => new BsonDocument
        {
            ["member"] = QueueDocuments.Snowflake(r.Key),
            ["answer"] = r.Value.ToString(),
        })),
        ["attendees"] = new BsonArray(s.Attendees.Select(QueueDocuments.Snowflake)),
    };

    public static ClubSession ToSession(BsonDocument d) => new(
        QueueDocuments.Snowflake(d["guild"]),
        d["session"].AsString,
        QueueDocuments.Instant(d["startsAt"]),
        QueueDocuments.Instant(d["endsAt"]),
        Enum.Parse<SessionStatus>(d["status"].AsString),
        QueueDocuments.NullableString(d["paperKey"]),
        QueueDocuments.NullableString(d["paperTitle"]),
        d["presenter"].IsNull ? null : QueueDocuments.Snowflake(d["presenter"]),
        d["rsvps"].AsArray.Select(r => r.AsDocument).ToDictionary(r => QueueDocuments.Snowflake(r["member"]), r => Enum.Parse<RsvpAnswer>(r["answer"].AsString)),
        d["attendees"].AsArray.Select(QueueDocuments.Snowflake).ToList());

    public static BsonDocument FromVolunteer(ulong guildId, PresenterVolunteer v) => new()
    {
        ["_id"] = $"{guildId}/{v.MemberId}",
        ["guild"] = QueueDocuments.Snowflake(guildId),
        ["member"] = QueueDocuments.Snowflake(v.MemberId),
        ["signedUpAt"] = QueueDocuments.Instant(v.SignedUpAt),
        ["times"] = v.TimesPresented,
        ["lastAt"] = v.LastPresentedAt is { } last ? QueueDocuments.Instant(last) : BsonValue.Null,
    };

    public static PresenterVolunteer ToVolunteer(BsonDocument d) => new(
        QueueDocuments.Snowflake(d["member"]),
        QueueDocuments.Instant(d["signedUpAt"]),
        d["times"].AsInt32,
        d["lastAt"].IsNull ? null : QueueDocuments.Instant(d["lastAt"]));
}
