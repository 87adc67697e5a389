namespace Reconcile.Topology;

/// <summary>The business calendar that turns "24 business hours" into a due time.</summary>
public sealed class CalendarOptions
{
    public const string Section = "Calendar";

    public string TimeZone { get; set; } = "UTC";
    /// <summary>Empty means Monday to Friday (a list default would be appended to by the binder).</summary>
    public List<string> WorkDays { get; set; } = [];
    public string WorkHours { get; set; } = "09:00-17:00";
    public List<string> Holidays { get; set; } = [];
}
