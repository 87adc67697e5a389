using Microsoft.Extensions.Options;

namespace Reconcile.Topology;

/// <summary>
/// The business time zone ("Calendar:TimeZone", an IANA id such as Europe/Berlin; default UTC), resolved
/// here and only here: the SLA calendar, the schedules and the weekly digest all use this zone. An id the
/// system does not know is a configuration error, never a quiet fallback to UTC.
/// </summary>
public static class BusinessTimeZone
{
    /// <summary>The configuration key, as start-up errors name it.</summary>
    public const string Key = CalendarOptions.Section + ":" + nameof(CalendarOptions.TimeZone);

    /// <summary>Finds the zone; false (and <paramref name="zone"/> UTC) when <paramref name="id"/> is not a known zone.</summary>
    public static bool TryResolve(string? id, out TimeZoneInfo zone)
    {
        if (TimeZoneInfo.TryFindSystemTimeZoneById(string.IsNullOrWhiteSpace(id) ? "UTC" : id, out var found))
        {
            zone = found;
            return true;
        }

        zone = TimeZoneInfo.Utc;
        return false;
    }

    /// <summary>The start-up error line for an unknown zone, naming the key.</summary>
    public static string Problem(string? id) => $"{Key}: '{id}' is not a known time zone (use an IANA id such as America/New_York)";

    /// <summary>
    /// The zone for <paramref name="id"/> (null or empty: UTC). Throws <see cref="OptionsValidationException"/>
    /// (a start-up <c>config error:</c> line naming <see cref="Key"/>) when the id is not a known zone.
    /// </summary>
    public static TimeZoneInfo Resolve(string? id) =>
        TryResolve(id, out var zone) ? zone : throw new OptionsValidationException(Key, typeof(CalendarOptions), [Problem(id)]);
}
