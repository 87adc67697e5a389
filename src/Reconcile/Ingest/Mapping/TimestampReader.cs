using System.Globalization;
using System.Text.Json.Nodes;

namespace Reconcile.Ingest.Mapping;

/// <summary>
/// Reads a mapped date-time: ISO 8601 with an offset, or unix seconds / milliseconds; always written in UTC
/// (round-trip "O" format), so an order's time compares the same whatever zone its system sends.
/// </summary>
internal static class TimestampReader
{
    public static JsonValue? Read(string? reading, string text, string where, string path, MappingContext context)
    {
        DateTimeOffset at;
        if (reading is Conversions.UnixSeconds or Conversions.UnixMilliseconds)
        {
            var seconds = reading == Conversions.UnixSeconds;
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var count)
                || !TryFromUnix(count, seconds, out at))
            {
                context.Fail(path, $"\"{text}\" at {where} is not a unix time in {(seconds ? "seconds" : "milliseconds")}");
                return null;
            }
        }
        else if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var kind)
                 || kind.Kind == DateTimeKind.Unspecified
                 || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at))
        {
            // Without an offset the time would be read in the server's zone: refuse rather than guess.
            context.Fail(path, $"\"{text}\" at {where} is not an ISO 8601 date-time with an offset (e.g. 2026-11-20T05:00:00-05:00)");
            return null;
        }

        return JsonValue.Create(at.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
    }

    private static bool TryFromUnix(long count, bool seconds, out DateTimeOffset at)
    {
        at = default;
        try
        {
            at = seconds ? DateTimeOffset.FromUnixTimeSeconds(count) : DateTimeOffset.FromUnixTimeMilliseconds(count);
            return true;
        }
        catch (ArgumentOutOfRangeException)
        {
            return false;
        }
    }
}
