using Reconcile.Engine.Findings;

namespace Reconcile.Engine.Matching;

/// <summary>A silent system: nothing received for longer than its freshness window during business hours.</summary>
public static class StaleSourceCheck
{
    /// <summary>
    /// Returns a <see cref="FindingType.StaleSource"/> finding, or null when the feed is fresh or it
    /// is outside business hours (a quiet night is not an outage). A system that has never sent
    /// anything is stale. The finding has no order id: the whole feed is down.
    /// </summary>
    public static Finding? Check(
        string flow,
        string system,
        string owner,
        DateTimeOffset? lastReceivedAt,
        TimeSpan freshnessWindow,
        DateTimeOffset now,
        bool isBusinessHours)
    {
        if (!isBusinessHours || (lastReceivedAt is { } last && now - last <= freshnessWindow))
        {
            return null;
        }

        var silence = lastReceivedAt is { } seen ? $"nothing received since {seen:u}" : "nothing ever received";
        return new Finding
        {
            Flow = flow,
            Type = FindingType.StaleSource,
            OrderId = string.Empty,
            System = system,
            Attribute = null,
            Expected = $"a record within {freshnessWindow}",
            Actual = silence,
            Owner = owner,
            Diagnostics = new FindingDiagnostics
            {
                FailedChecks = [$"freshness: {system} {silence}, window {freshnessWindow}"],
                SuggestedRemediation = $"Check the {system} webhook or connector: {silence}.",
            },
        };
    }
}
