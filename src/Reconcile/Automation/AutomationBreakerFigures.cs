namespace Reconcile.Automation;

/// <summary>
/// Why a flow's automation breaker tripped: the automatic attempts it judged and how many failed, against the
/// flow's MaxFailureRate; or, with <see cref="RunId"/>, a run whose exception rate passed MaxExceptionRate.
/// </summary>
public sealed record AutomationBreakerFigures(string Flow, int Attempts, int Failures, double MaxFailureRate, long? RunId = null, double? ExceptionRate = null, double? MaxExceptionRate = null)
{
    public double FailureRate => Attempts == 0 ? 0 : (double)Failures / Attempts;
}
