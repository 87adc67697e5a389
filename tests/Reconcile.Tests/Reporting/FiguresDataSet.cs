using Microsoft.Extensions.DependencyInjection;
using Reconcile.Auditing;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Engine.Records;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reporting;

/// <summary>
/// A fixed week (Mon 2026-11-16 to Mon 2026-11-23, UTC) of runs, exceptions, audit events and records
/// over two flows, small enough that every figure can be worked out by hand (see FiguresTests).
/// </summary>
public static class FiguresDataSet
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 16, 0, 0, 0, TimeSpan.Zero);

    /// <summary>A second flow (shop → crm only), so per-flow and overall figures differ.</summary>
    public static Dictionary<string, string?> Settings() => new()
    {
        ["Flows:shop-to-crm:Source"] = "shop",
        ["Flows:shop-to-crm:Targets:0"] = "crm",
        ["Flows:shop-to-crm:Owner"] = "campaign-ops",
        ["Flows:shop-to-crm:Compare:0"] = "total",
    };

    public static DateTimeOffset At(double days, double hours = 0) => T0.AddDays(days).AddHours(hours);

    public static async Task<Dictionary<string, ExceptionEntity>> SeedAsync(ReconcileFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        db.Runs.AddRange(
            Run("promo-to-billing", At(1), 400, 380),
            Run("promo-to-billing", At(3), 600, 570),
            Run("promo-to-billing", At(-1), 1000, 0),                      // before the week
            Run("promo-to-billing", At(4), 500, 0, RunStatus.Failed),      // failed runs count nothing
            Run("shop-to-crm", At(2), 1000, 990));

        var e = new Dictionary<string, ExceptionEntity>
        {
            ["E1"] = Exception("A1", "field_mismatch", At(1, 10), 100m, At(2), resolvedAt: At(1, 14), resolution: "approved"),
            ["E2"] = Exception("A2", "field_mismatch", At(2), 50m, At(3), resolvedAt: At(3), resolution: "replayed"),
            ["E3"] = Exception("A3", "missing_in_target", At(2, 12), 200m, At(3)),
            ["E4"] = Exception("A4", "missing_in_target", At(5), 300m, At(8)),
            ["E6"] = Exception("A6", "business_rule", At(-3), 70m, At(-2), resolvedAt: At(1), resolution: "auto"),
            ["E7"] = Exception("A7", "duplicate", At(-2), 1000m, At(-1)),
            ["E8"] = Exception("A8", "field_mismatch", At(6), 10m, At(9), resolvedAt: At(8), resolution: "auto"),
            ["E9"] = Exception("B1", "partial_sync", At(3), 40m, At(4), resolvedAt: At(3, 6), resolution: "approved", flow: "shop-to-crm"),
            ["E10"] = Exception("A9", "field_mismatch", At(-10), 5m, At(-9), resolvedAt: At(-5), resolution: "approved"),
        };
        db.Exceptions.AddRange(e.Values);
        await db.SaveChangesAsync();
        e["E5"] = Exception("A1", "field_mismatch", At(4), 100m, At(5), previous: e["E1"].Id);
        db.Exceptions.Add(e["E5"]);
        await db.SaveChangesAsync();

        var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
        void Audit(string key, string actor, string action, DateTimeOffset at, string? reason = null) =>
            audit.Record(db, e[key].Id, actor, action, "open", action == "escalated" ? "escalated" : "resolved", reason).At = at;
        Audit("E10", "U0CRM1", "approved", At(-5), "before the week");
        Audit("E1", "U0CRM1", "approved", At(1, 14), "Promo re-tagged by hand, \"SPRING24\", per campaign brief");
        Audit("E2", "U0FIN1", "replayed", At(3));
        Audit("E6", "system:runner", "replayed", At(1));                  // not a person
        Audit("E3", "U0CRM1", "escalated", At(3));                        // not a decision
        Audit("E9", "U0CAMP1", "approved", At(3, 6), "Lines re-sent");
        await db.SaveChangesAsync();

        db.Records.AddRange(new[]
        {
            Order("A1", At(1, 8), "spring", "US-CA", ["SKU-1", "SKU-2"], 100m, crm: At(1, 8.5), billing: At(1, 9)),
            Order("A2", At(1, 20), "spring", "US-NY", ["SKU-1"], 50m, crm: At(1, 22), billing: At(1, 21)),
            Order("A3", At(2, 10), "fall", "US-CA", ["SKU-3"], 200m, crm: At(2, 10.25), billing: null),
            Order("A4", At(4), "fall", "US-CA", ["SKU-3"], 300m, crm: At(4, 4), billing: At(4, 10)),
            Order("A5", null, "spring", "US-NY", ["SKU-2"], 20m, crm: At(5, 0.1), billing: At(5, 3), updatedAt: At(5)),
            Order("A0", At(-2), "spring", "US-CA", ["SKU-1"], 900m, crm: At(-2), billing: At(-2), updatedAt: At(1)),
            Order("A8", At(6), "spring", "EU-DE", ["SKU-4"], 10m, crm: At(6, 5), billing: At(6, 1)),
            Order("B1", At(2, 12), "winter", "EU-DE", ["SKU-5"], 40m, crm: At(2, 13), billing: null),
        }.SelectMany(records => records));
        await db.SaveChangesAsync();
        return e;
    }

    public static RunEntity Run(string flow, DateTimeOffset started, int examined, int matched, string status = RunStatus.Completed) => new()
    {
        Flow = flow, Status = status, StartedAt = started, EndedAt = started.AddMinutes(1), OrdersExamined = examined, OrdersMatched = matched,
    };

    public static ExceptionEntity Exception(
        string orderId, string type, DateTimeOffset created, decimal value, DateTimeOffset slaDue,
        DateTimeOffset? resolvedAt = null, string? resolution = null, long? previous = null, string flow = "promo-to-billing") => new()
    {
        Flow = flow, OrderId = orderId, Type = type, System = "crm", Attribute = "promoCode",
        Fingerprint = $"{flow}|{orderId}|{type}|crm|promoCode", Owner = "crm-owner", OriginalOwner = "crm-owner",
        State = resolvedAt is null ? ExceptionState.Open : ExceptionState.Resolved, Resolution = resolution is null ? null : WireNames.ParseResolution(resolution), ResolvedAt = resolvedAt,
        ResolvedBy = resolution == "auto" ? "system:runner" : resolution is null ? null : "U0CRM1",
        CreatedAt = created, LastSeenAt = created, SlaDueAt = slaDue, ValueAtRisk = value, PreviousExceptionId = previous,
        Expected = "SPRING24", Actual = "",
    };

    /// <summary>The shop record (with createdAt, campaign, region, SKUs) and the CRM and billing copies, as received.</summary>
    public static IEnumerable<RecordEntity> Order(
        string orderId, DateTimeOffset? created, string campaign, string region, string[] skus, decimal total,
        DateTimeOffset? crm, DateTimeOffset? billing, DateTimeOffset? updatedAt = null)
    {
        var record = new OrderRecord
        {
            OrderId = orderId, Currency = "USD", Total = total, Status = "paid", Campaign = campaign, Region = region,
            CreatedAt = created, UpdatedAt = updatedAt ?? created!.Value,
            Lines = [.. skus.Select(s => new OrderLine(s, 1, total / skus.Length))],
        };
        var payload = CanonicalJson.Serialize(record);
        yield return Record("shop", record, payload, record.UpdatedAt);
        if (crm is { } crmAt)
        {
            yield return Record("crm", record, payload, crmAt);
        }

        if (billing is { } billingAt)
        {
            yield return Record("billing", record, payload, billingAt);
        }
    }

    private static RecordEntity Record(string system, OrderRecord record, string payload, DateTimeOffset received) => new()
    {
        System = system, OrderId = record.OrderId, Payload = payload, RawPayload = payload, ReceivedAt = received, OrderUpdatedAt = record.UpdatedAt,
    };
}
