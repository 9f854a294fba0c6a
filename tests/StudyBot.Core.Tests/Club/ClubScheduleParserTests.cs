using StudyBot.Core.Club;

namespace StudyBot.Core.Tests.Club;

public sealed class ClubScheduleParserTests
{
    [Theory]
    [InlineData("Thursday", DayOfWeek.Thursday)]
    [InlineData("thu", DayOfWeek.Thursday)]
    [InlineData(" MONDAY ", DayOfWeek.Monday)]
    [InlineData("sa", DayOfWeek.Saturday)]
    public void Weekdays_and_unambiguous_abbreviations_are_accepted(string text, DayOfWeek expected) =>
        Assert.Equal(expected, ClubScheduleParser.ParseWeekday(text));

    [Theory]
    [InlineData("thursdya", "Thursday")]
    [InlineData("wensday", "Wednesday")]
    public void Weekday_typos_are_rejected_with_a_suggestion(string text, string suggestion)
    {
        var ex = Assert.Throws<ClubRuleException>(() => ClubScheduleParser.ParseWeekday(text));

        Assert.Contains(suggestion, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ambiguous_abbreviation_is_rejected() => Assert.Throws<ClubRuleException>(() => ClubScheduleParser.ParseWeekday("t"));

    [Theory]
    [InlineData("25:99")]
    [InlineData("24:00")]
    [InlineData("7pm")]
    [InlineData("19:0")]
    [InlineData("١٩:٠٠")]
    public void Invalid_times_are_rejected(string text)
    {
        var ex = Assert.Throws<ClubRuleException>(() => ClubScheduleParser.ParseTime(text));

        Assert.Contains("HH:MM", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_time_is_parsed() => Assert.Equal(new TimeOnly(7, 30), ClubScheduleParser.ParseTime("07:30"));

    [Fact]
    public void Invalid_time_zone_is_rejected_with_an_example()
    {
        var ex = Assert.Throws<ClubRuleException>(() => ClubScheduleParser.ParseTimeZone("Europe/Berlln"));

        Assert.Contains("Europe/Berlin", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Iana_time_zone_is_accepted() => Assert.Equal("America/New_York", ClubScheduleParser.ParseTimeZone("America/New_York"));

    [Fact]
    public void Reminders_default_to_24_hours_and_1_hour()
    {
        Assert.Equal([TimeSpan.FromHours(24), TimeSpan.FromHours(1)], ClubScheduleParser.ParseReminders(null));
        Assert.Equal([TimeSpan.FromDays(2), TimeSpan.FromMinutes(30)], ClubScheduleParser.ParseReminders("30m, 2d"));
        Assert.Empty(ClubScheduleParser.ParseReminders("none"));
        Assert.Throws<ClubRuleException>(() => ClubScheduleParser.ParseReminders("٣٠m"));
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("8d")]
    [InlineData("1h,2h,3h,4h,5h,6h")]
    public void Bad_reminders_are_rejected(string text) => Assert.Throws<ClubRuleException>(() => ClubScheduleParser.ParseReminders(text));
}
