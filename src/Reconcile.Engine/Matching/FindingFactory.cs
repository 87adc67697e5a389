using Reconcile.Engine.Findings;
using Reconcile.Engine.Records;

namespace Reconcile.Engine.Matching;

/// <summary>Builds findings with their routing, value at risk, diagnostics and fingerprint.</summary>
internal sealed class FindingFactory(OrderContext context)
{
    private const int MaxJsonLength = 2000;
    private const int MaxHistory = 3;

    public Finding Create(
        string type,
        int systemIndex,
        string? attribute,
        string? expected,
        string? actual,
        decimal valueAtRisk,
        StoredRecord? expectedRecord,
        StoredRecord? actualRecord,
        string failedCheck,
        string remediation)
    {
        var flow = context.Flow;
        return new Finding
        {
            Flow = flow.Definition.Name,
            Type = type,
            OrderId = context.OrderId,
            System = flow.Systems[systemIndex],
            Attribute = attribute,
            Expected = expected,
            Actual = actual,
            Owner = FindingType.RoutesToFlowOwner(type) ? flow.Definition.Owner : flow.Owners[systemIndex],
            ValueAtRisk = valueAtRisk,
            Diagnostics = new FindingDiagnostics
            {
                ExpectedRecord = Json(expectedRecord),
                ActualRecord = Json(actualRecord),
                History = History(actualRecord),
                FailedChecks = [failedCheck],
                SuggestedRemediation = remediation,
            },
        };
    }

    private static string? Json(StoredRecord? stored)
    {
        if (stored is null)
        {
            return null;
        }

        var json = stored.Record is { } record ? CanonicalJson.Serialize(record) : stored.RawPayload;
        return Trim(json);
    }

    private static string[] History(StoredRecord? stored)
    {
        if (stored is null || stored.History.Count == 0)
        {
            return [];
        }

        var count = Math.Min(MaxHistory, stored.History.Count);
        var versions = new string[count];
        for (var i = 0; i < count; i++)
        {
            versions[i] = Trim(CanonicalJson.Serialize(stored.History[i]));
        }

        return versions;
    }

    private static string Trim(string json) =>
        json.Length <= MaxJsonLength ? json : string.Concat(json.AsSpan(0, MaxJsonLength), "…");
}
