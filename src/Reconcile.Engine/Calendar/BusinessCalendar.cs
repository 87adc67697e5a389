namespace Reconcile.Engine.Calendar;

/// <summary>
/// Working days and hours in one time zone, minus holidays: turns "24 business hours" into a due
/// time and tells whether a moment is inside business hours.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly TimeZoneInfo _zone;
    private readonly HashSet<DayOfWeek> _workDays;
    private readonly TimeOnly _start;
    private readonly TimeOnly _end;
    private readonly HashSet<DateOnly> _holidays;

    public BusinessCalendar(TimeZoneInfo zone, IEnumerable<DayOfWeek> workDays, TimeOnly start, TimeOnly end, IEnumerable<DateOnly> holidays)
    {
        ArgumentNullException.ThrowIfNull(zone);
        if (end <= start)
        {
            throw new ArgumentException("The working day must end after it starts.", nameof(end));
        }

        _zone = zone;
        _workDays = [.. workDays];
        _start = start;
        _end = end;
        _holidays = [.. holidays];
        if (_workDays.Count == 0)
        {
            throw new ArgumentException("At least one working day is required.", nameof(workDays));
        }
    }

    /// <summary>Round the clock, every day: for tests and for systems that never sleep.</summary>
    public static BusinessCalendar AlwaysOpen { get; } = new(
        TimeZoneInfo.Utc, Enum.GetValues<DayOfWeek>(), TimeOnly.MinValue, TimeOnly.MaxValue, []);

    public bool IsBusinessTime(DateTimeOffset at)
    {
        var local = TimeZoneInfo.ConvertTime(at, _zone);
        var time = TimeOnly.FromDateTime(local.DateTime);
        return IsWorkDay(DateOnly.FromDateTime(local.DateTime)) && time >= _start && time < _end;
    }

    /// <summary>The instant <paramref name="hours"/> of business time after <paramref name="from"/>.</summary>
    public DateTimeOffset AddBusinessHours(DateTimeOffset from, double hours)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        var remaining = TimeSpan.FromHours(hours);
        var local = TimeZoneInfo.ConvertTime(from, _zone).DateTime;
        for (var guard = 0; guard < 3660; guard++)
        {
            var day = DateOnly.FromDateTime(local);
            var dayStart = day.ToDateTime(_start);
            var dayEnd = day.ToDateTime(_end);
            if (IsWorkDay(day) && local < dayEnd)
            {
                var begin = local < dayStart ? dayStart : local;
                var available = dayEnd - begin;
                if (remaining <= available)
                {
                    return ToInstant(begin + remaining);
                }

                remaining -= available;
            }

            local = day.AddDays(1).ToDateTime(TimeOnly.MinValue);
        }

        throw new InvalidOperationException("No business time found within ten years; check the calendar.");
    }

    private bool IsWorkDay(DateOnly day) => _workDays.Contains(day.DayOfWeek) && !_holidays.Contains(day);

    private DateTimeOffset ToInstant(DateTime local)
    {
        // A wall-clock time skipped by a DST change does not exist; move past the gap.
        while (_zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(30);
        }

        return new DateTimeOffset(local, _zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
