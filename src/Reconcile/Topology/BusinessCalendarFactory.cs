using System.Globalization;
using Microsoft.Extensions.Options;
using Reconcile.Engine.Calendar;

namespace Reconcile.Topology;

/// <summary>Builds the engine's calendar from the validated Calendar section.</summary>
public static class BusinessCalendarFactory
{
    private static readonly string[] DefaultWorkDays = ["Mon", "Tue", "Wed", "Thu", "Fri"];

    public static BusinessCalendar Create(IOptions<TopologyOptions> topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var calendar = topology.Value.Calendar;
        if (!CalendarChecks.TryParseHours(calendar.WorkHours, out var start, out var end))
        {
            throw new InvalidOperationException($"Calendar:WorkHours '{calendar.WorkHours}' was not validated at start-up.");
        }

        var days = (calendar.WorkDays.Count == 0 ? DefaultWorkDays : [.. calendar.WorkDays])
            .Select(d => Enum.GetValues<DayOfWeek>().First(w => w.ToString().StartsWith(d, StringComparison.OrdinalIgnoreCase)));
        var holidays = calendar.Holidays.Select(h => DateOnly.ParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture));
        return new BusinessCalendar(BusinessTimeZone.Resolve(calendar.TimeZone), days, start, end, holidays);
    }
}
