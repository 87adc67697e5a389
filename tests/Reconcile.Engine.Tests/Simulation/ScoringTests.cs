using Reconcile.Engine.Findings;
using Reconcile.Engine.Simulation;

namespace Reconcile.Engine.Tests.Simulation;

public class ScoringTests
{
    private static Finding Found(string orderId, string type, string system) =>
        new() { Flow = "f", OrderId = orderId, Type = type, System = system, Owner = "o" };

    [Fact]
    public void Missed_and_unexpected_findings_lower_recall_and_precision()
    {
        ExpectedFinding[] truth =
        [
            new("1", FindingType.MissingInTarget, "crm"),
            new("2", FindingType.Duplicate, "billing"),
        ];
        Finding[] findings =
        [
            Found("1", FindingType.MissingInTarget, "crm"),
            Found("1", FindingType.MissingInTarget, "billing"),
            Found("3", FindingType.Conflict, "billing"),
            Found("3", FindingType.Conflict, "crm"),
        ];

        var score = Scoring.Score(truth, findings);

        Assert.Equal(0.5, score.Recall);
        Assert.Equal(0.25, score.Precision);
        Assert.Equal(truth[1], Assert.Single(score.Missed));
        Assert.Equal(3, score.Unexpected.Count);
    }

    [Fact]
    public void A_perfect_run_scores_one_and_one()
    {
        var score = Scoring.Score([new("1", FindingType.PartialSync, "crm")], [Found("1", FindingType.PartialSync, "crm")]);

        Assert.Equal((1d, 1d), (score.Recall, score.Precision));
    }
}
