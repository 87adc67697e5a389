using Reconcile.Engine.Calendar;

namespace Reconcile.Engine.Tests.Calendar;

public sealed class BusinessCalendarTests
{
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    private static BusinessCalendar Weekdays(params DateOnly[] holidays) => new(
        NewYork,
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday],
        new TimeOnly(9, 0),
        new TimeOnly(17, 0),
        holidays);

    private static DateTimeOffset Local(int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(2026, month, day, hour, minute, 0, NewYork.GetUtcOffset(new DateTime(2026, month, day, hour, minute, 0)));

    [Theory]
    // Monday 10:00 + 4h = Monday 14:00.
    [InlineData(11, 23, 10, 4, 11, 23, 14)]
    // Monday 15:00 + 4h = 2h Monday, 2h Tuesday → Tuesday 11:00.
    [InlineData(11, 23, 15, 4, 11, 24, 11)]
    // Friday 16:00 + 2h → 1h Friday, then Monday 10:00.
    [InlineData(11, 27, 16, 2, 11, 30, 10)]
    // Saturday 12:00 + 1h → Monday 10:00.
    [InlineData(11, 28, 12, 1, 11, 30, 10)]
    // Monday 07:00 (before opening) + 8h → Monday 17:00.
    [InlineData(11, 23, 7, 8, 11, 23, 17)]
    // Monday 10:00 + 24h → three full days: Thursday 10:00.
    [InlineData(11, 23, 10, 24, 11, 26, 10)]
    public void Business_hours_skip_nights_and_weekends(int month, int day, int hour, double hours, int dueMonth, int dueDay, int dueHour)
    {
        var due = Weekdays().AddBusinessHours(Local(month, day, hour), hours);

        Assert.Equal(Local(dueMonth, dueDay, dueHour), due);
    }

    [Fact]
    public void Holidays_are_not_business_time()
    {
        var calendar = Weekdays(new DateOnly(2026, 12, 25));

        // Thursday 24 Dec 16:00 + 2h: 1h on Thursday, Friday is a holiday, so Monday 28 Dec 10:00.
        Assert.Equal(Local(12, 28, 10), calendar.AddBusinessHours(Local(12, 24, 16), 2));
        Assert.False(calendar.IsBusinessTime(Local(12, 25, 11)));
        Assert.True(calendar.IsBusinessTime(Local(12, 24, 11)));
    }

    [Fact]
    public void Due_times_cross_a_daylight_saving_change_in_local_business_hours()
    {
        // DST ends Sunday 1 Nov 2026 in New York: Friday 16:00 EDT + 2h is Monday 10:00 EST.
        var due = Weekdays().AddBusinessHours(Local(10, 30, 16), 2);

        Assert.Equal(new DateTimeOffset(2026, 11, 2, 15, 0, 0, TimeSpan.Zero), due);
    }

    [Theory]
    [InlineData(11, 23, 8, false)]
    [InlineData(11, 23, 9, true)]
    [InlineData(11, 23, 16, true)]
    [InlineData(11, 23, 17, false)]
    [InlineData(11, 28, 12, false)]
    public void Business_time_is_working_days_between_opening_and_closing(int month, int day, int hour, bool expected) =>
        Assert.Equal(expected, Weekdays().IsBusinessTime(Local(month, day, hour)));
}
