using System.Globalization;

namespace Reconcile.Topology;

internal static class CalendarChecks
{
    private static readonly string[] DayNames = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];

    public static void Validate(CalendarOptions calendar, List<string> failures)
    {
        const string key = CalendarOptions.Section;
        if (!BusinessTimeZone.TryResolve(calendar.TimeZone, out _))
        {
            failures.Add(BusinessTimeZone.Problem(calendar.TimeZone));
        }

        for (var i = 0; i < calendar.WorkDays.Count; i++)
        {
            if (!DayNames.Contains(calendar.WorkDays[i], StringComparer.OrdinalIgnoreCase))
            {
                failures.Add($"{key}:WorkDays:{i}: '{calendar.WorkDays[i]}' is not a day (use Mon, Tue, …)");
            }
        }

        if (!TryParseHours(calendar.WorkHours, out _, out _))
        {
            failures.Add($"{key}:WorkHours: '{calendar.WorkHours}' is not a range like 09:00-17:00");
        }

        for (var i = 0; i < calendar.Holidays.Count; i++)
        {
            if (!DateOnly.TryParseExact(calendar.Holidays[i], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                failures.Add($"{key}:Holidays:{i}: '{calendar.Holidays[i]}' is not a date like 2026-12-25");
            }
        }
    }

    public static bool TryParseHours(string range, out TimeOnly start, out TimeOnly end)
    {
        start = end = default;
        var parts = range.Split('-', StringSplitOptions.TrimEntries);
        return parts.Length == 2
            && TimeOnly.TryParseExact(parts[0], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out start)
            && TimeOnly.TryParseExact(parts[1], "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out end)
            && start < end;
    }
}
