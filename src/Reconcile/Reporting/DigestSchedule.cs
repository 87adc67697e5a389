using Quartz;

namespace Reconcile.Reporting;

/// <summary>
/// Which week a digest reports on, and when digests were due. A digest due at time T reports the last
/// complete business week before T: Monday 09:00 reports the Monday to Sunday just ended.
/// </summary>
public static class DigestSchedule
{
    private static readonly TimeSpan[] LookBack = [TimeSpan.FromHours(1), TimeSpan.FromDays(1), TimeSpan.FromDays(8), TimeSpan.FromDays(32)];

    /// <summary>The Monday that starts the week a digest due at this instant reports on.</summary>
    public static DateOnly WeekReportedAt(DateTimeOffset due, TimeZoneInfo zone) =>
        BusinessWeek.MondayOf(BusinessWeek.DayOf(due, zone)).AddDays(-7);

    /// <summary>The most recent time the cron fired at or before now (null when not within a month).</summary>
    public static DateTimeOffset? PreviousFireTime(string cron, TimeZoneInfo zone, DateTimeOffset now)
    {
        var expression = new CronExpression(cron, zone);
        foreach (var window in LookBack)
        {
            // Search from the shortest window that holds a fire time, so a frequent cron is walked only briefly.
            var next = expression.GetNextValidTimeAfter(now - window);
            DateTimeOffset? last = null;
            while (next is { } at && at <= now)
            {
                last = at;
                next = expression.GetNextValidTimeAfter(at);
            }

            if (last is not null)
            {
                return last;
            }
        }

        return null;
    }

    public static DateTimeOffset? NextFireTime(string cron, TimeZoneInfo zone, DateTimeOffset now) =>
        new CronExpression(cron, zone).GetNextValidTimeAfter(now);
}
