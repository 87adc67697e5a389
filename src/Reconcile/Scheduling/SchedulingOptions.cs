namespace Reconcile.Scheduling;

public sealed class SchedulingOptions
{
    public const string Section = "Scheduling";

    /// <summary>False pauses every scheduled job (runs on demand still work): for maintenance and tests.</summary>
    public bool Enabled { get; set; } = true;
}
