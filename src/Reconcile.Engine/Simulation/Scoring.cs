using Reconcile.Engine.Findings;

namespace Reconcile.Engine.Simulation;

/// <summary>Scores findings against the ground truth on (orderId, type, system).</summary>
public static class Scoring
{
    /// <summary>
    /// Recall: the share of expected findings reported. Precision: the share of findings that were
    /// expected. Several findings for one expected key (e.g. two SKUs of one order) all count as expected.
    /// </summary>
    public static ScoreReport Score(IReadOnlyList<ExpectedFinding> groundTruth, IReadOnlyList<Finding> findings)
    {
        ArgumentNullException.ThrowIfNull(groundTruth);
        ArgumentNullException.ThrowIfNull(findings);

        var expected = new HashSet<ExpectedFinding>(groundTruth);
        var found = new HashSet<ExpectedFinding>();
        var unexpected = new List<Finding>();
        foreach (var finding in findings)
        {
            var key = new ExpectedFinding(finding.OrderId, finding.Type, finding.System);
            found.Add(key);
            if (!expected.Contains(key))
            {
                unexpected.Add(finding);
            }
        }

        var missed = expected.Where(e => !found.Contains(e)).ToList();
        var recall = expected.Count == 0 ? 1d : (double)(expected.Count - missed.Count) / expected.Count;
        var precision = findings.Count == 0 ? 1d : (double)(findings.Count - unexpected.Count) / findings.Count;
        return new ScoreReport(recall, precision, missed, unexpected);
    }
}
