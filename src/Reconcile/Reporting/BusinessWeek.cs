namespace Reconcile.Reporting;

/// <summary>Days and weeks in the business time zone (Calendar:TimeZone); weeks start on Monday.</summary>
public static class BusinessWeek
{
    public static DateOnly DayOf(DateTimeOffset at, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, zone).DateTime);

    /// <summary>The Monday of the week that holds this day.</summary>
    public static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    /// <summary>Local midnight as an instant; a midnight skipped by a DST change becomes the first hour that exists.</summary>
    public static DateTimeOffset StartOfDay(DateOnly day, TimeZoneInfo zone)
    {
        ArgumentNullException.ThrowIfNull(zone);
        var local = day.ToDateTime(TimeOnly.MinValue);
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, zone.GetUtcOffset(local)).ToUniversalTime();
    }

    /// <summary>Monday 00:00 to the next Monday 00:00, business time.</summary>
    public static ReportPeriod Week(DateOnly monday, TimeZoneInfo zone) =>
        new(StartOfDay(monday, zone), StartOfDay(monday.AddDays(7), zone));
}
