using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Findings;
using Reconcile.Engine.Flows;
using Reconcile.Engine.Records;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Workflow;

/// <summary>
/// The record a replay writes into the exception's system: the flow's source record, with each
/// attribute that another system is authoritative for (the flow's Authority) taken from that system,
/// under the target's own external id so it replaces the target's copy rather than duplicating it.
/// </summary>
public sealed class AuthoritativeRecord(ReconcileDbContext db, FlowCatalog flows)
{
    /// <summary>The finding types a replay can repair: the target lacks or garbles what the authority has.</summary>
    public static readonly IReadOnlySet<string> Replayable = new HashSet<string>(StringComparer.Ordinal)
    {
        FindingType.FieldMismatch, FindingType.PartialSync, FindingType.MissingInTarget,
    };

    /// <summary>Null and a reason when the exception cannot be replayed.</summary>
    public static string? WhyNotReplayable(ExceptionEntity exception, bool hasConnector)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (!Replayable.Contains(exception.Type))
        {
            return $"A {exception.Type} can't be replayed (replay repairs field_mismatch, partial_sync and missing_in_target). Nothing was changed.";
        }

        return hasConnector ? null : $"{exception.System} has no connector Reconcile can write through. Nothing was changed.";
    }

    public async Task<OrderRecord> BuildAsync(ExceptionEntity exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (!flows.Exists(exception.Flow))
        {
            throw new InvalidOperationException($"flow '{exception.Flow}' is no longer configured");
        }

        var options = flows.Options(exception.Flow);
        var record = await LatestAsync(options.Source, exception.OrderId, cancellationToken)
            ?? throw new InvalidOperationException($"{options.Source} (the source) has no valid record of order {exception.OrderId}");
        foreach (var (attribute, system) in options.Authority.Where(a => a.Value != options.Source))
        {
            if (await LatestAsync(system, exception.OrderId, cancellationToken) is { } authority)
            {
                record = Overlay(record, authority, attribute);
            }
        }

        var target = await LatestAsync(exception.System, exception.OrderId, cancellationToken);
        return record with { ExternalId = target?.ExternalId };
    }

    private async Task<OrderRecord?> LatestAsync(string system, string orderId, CancellationToken cancellationToken)
    {
        var payload = await db.Records.AsNoTracking()
            .Where(r => r.System == system && r.OrderId == orderId && !r.Quarantined && r.Payload != null)
            .OrderByDescending(r => r.ReceivedAt).Select(r => r.Payload).FirstOrDefaultAsync(cancellationToken);
        return payload is null ? null : CanonicalJson.Deserialize(payload);
    }

    private static OrderRecord Overlay(OrderRecord record, OrderRecord authority, string attribute) => attribute switch
    {
        OrderAttributes.CustomerId => record with { CustomerId = authority.CustomerId },
        OrderAttributes.Currency => record with { Currency = authority.Currency },
        OrderAttributes.Total => record with { Total = authority.Total },
        OrderAttributes.Subtotal => record with { Subtotal = authority.Subtotal },
        OrderAttributes.Discount => record with { Discount = authority.Discount },
        OrderAttributes.Tax => record with { Tax = authority.Tax },
        OrderAttributes.PromoCode => record with { PromoCode = authority.PromoCode },
        OrderAttributes.Status => record with { Status = authority.Status },
        OrderAttributes.Campaign => record with { Campaign = authority.Campaign },
        OrderAttributes.Region => record with { Region = authority.Region },
        OrderAttributes.Lines => record with { Lines = authority.Lines },
        _ => record,
    };
}
