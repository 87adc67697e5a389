using Reconcile.Engine.Findings;

namespace Reconcile.Engine.Exceptions;

/// <summary>Turns a run's findings into opens, updates and automatic resolutions.</summary>
public static class ExceptionPlanner
{
    /// <summary>
    /// <paramref name="existing"/> holds the flow's exceptions that may matter: every unresolved
    /// one and the resolved ones of the fingerprints found. Only orders in
    /// <paramref name="examinedOrderIds"/> can be auto-resolved: an order the run did not look at
    /// proves nothing. A feed-level finding (empty order id) auto-resolves when the empty id is examined.
    /// </summary>
    public static ExceptionPlan Plan(
        IReadOnlyList<Finding> findings,
        IReadOnlyCollection<string> examinedOrderIds,
        IReadOnlyList<ExceptionOnRecord> existing)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(examinedOrderIds);
        ArgumentNullException.ThrowIfNull(existing);

        var unresolved = new Dictionary<string, ExceptionOnRecord>(StringComparer.Ordinal);
        var lastResolved = new Dictionary<string, ExceptionOnRecord>(StringComparer.Ordinal);
        foreach (var known in existing)
        {
            if (!known.IsResolved)
            {
                unresolved.TryAdd(known.Fingerprint, known);
            }
            else if (!lastResolved.TryGetValue(known.Fingerprint, out var seen) || IsLater(known, seen))
            {
                lastResolved[known.Fingerprint] = known;
            }
        }

        var toOpen = new List<PlannedOpen>();
        var toUpdate = new List<PlannedUpdate>();
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var finding in findings)
        {
            var fingerprint = finding.Fingerprint;
            if (!found.Add(fingerprint))
            {
                continue;
            }

            if (unresolved.TryGetValue(fingerprint, out var open))
            {
                toUpdate.Add(new PlannedUpdate(open, finding, open.Occurrences + 1));
            }
            else
            {
                toOpen.Add(new PlannedOpen(finding, lastResolved.GetValueOrDefault(fingerprint)?.Id));
            }
        }

        var examined = examinedOrderIds as IReadOnlySet<string> ?? new HashSet<string>(examinedOrderIds, StringComparer.Ordinal);
        var toResolve = new List<ExceptionOnRecord>();
        foreach (var open in unresolved.Values)
        {
            if (examined.Contains(open.OrderId) && !found.Contains(open.Fingerprint))
            {
                toResolve.Add(open);
            }
        }

        return new ExceptionPlan(toOpen, toUpdate, toResolve);
    }

    private static bool IsLater(ExceptionOnRecord candidate, ExceptionOnRecord current) =>
        (candidate.ResolvedAt ?? DateTimeOffset.MinValue) >= (current.ResolvedAt ?? DateTimeOffset.MinValue);
}
