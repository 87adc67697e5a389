using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Records;

namespace Reconcile.Ingest;

/// <summary>Upserts customers, products and promotions: the reference data the referential-integrity and business-rule checks use.</summary>
public sealed class ReferenceStore(ReconcileDbContext db, TimeProvider time)
{
    public Task<IngestResult> StoreAsync(string kind, IReadOnlyList<JsonElement> items, CancellationToken cancellationToken) =>
        StoreAsync(kind, items, null, cancellationToken);

    /// <summary>
    /// Upserts the valid items of <paramref name="kind"/>; those in <paramref name="refused"/> (item index → field
    /// errors found in the body's text) are reported and not stored, as reference data has no quarantine.
    /// </summary>
    public async Task<IngestResult> StoreAsync(
        string kind, IReadOnlyList<JsonElement> items, IReadOnlyDictionary<int, IReadOnlyList<FieldError>>? refused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        var errors = new List<IngestError>();
        var accepted = 0;
        var now = time.GetUtcNow();
        for (var index = 0; index < items.Count; index++)
        {
            if (refused is not null && refused.TryGetValue(index, out var refusals))
            {
                errors.AddRange(refusals.Select(r => IngestError.Of(index, null, r)));
                continue;
            }

            var reader = new ReferenceItemReader(items[index], index, errors);
            var stored = kind switch
            {
                ReferenceKind.Customers => await UpsertCustomerAsync(reader, now, cancellationToken),
                ReferenceKind.Products => await UpsertProductAsync(reader, now, cancellationToken),
                _ => await UpsertPromotionAsync(reader, now, cancellationToken),
            };
            accepted += stored ? 1 : 0;
        }

        await db.SaveChangesAsync(cancellationToken);
        return new IngestResult(accepted, items.Count - accepted, errors);
    }

    private async Task<bool> UpsertCustomerAsync(ReferenceItemReader item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var id = item.RequiredString("id");
        var name = item.OptionalString("name");
        if (!item.IsValid)
        {
            return false;
        }

        var row = await db.Customers.FindAsync([id], cancellationToken) ?? db.Customers.Add(new CustomerEntity { Id = id! }).Entity;
        row.Name = name;
        row.ReceivedAt = now;
        return true;
    }

    private async Task<bool> UpsertProductAsync(ReferenceItemReader item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sku = item.RequiredString("sku");
        var name = item.OptionalString("name");
        var price = item.OptionalDecimal("price");
        if (!item.IsValid)
        {
            return false;
        }

        var row = await db.Products.FindAsync([sku], cancellationToken) ?? db.Products.Add(new ProductEntity { Sku = sku! }).Entity;
        row.Name = name;
        row.Price = price;
        row.ReceivedAt = now;
        return true;
    }

    private async Task<bool> UpsertPromotionAsync(ReferenceItemReader item, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var code = item.RequiredString("code");
        var campaign = item.OptionalString("campaign");
        var from = item.OptionalDate("validFrom");
        var to = item.OptionalDate("validTo");
        var percent = item.OptionalDecimal("percentOff");
        var amount = item.OptionalDecimal("amountOff");
        if (from is not null && to is not null && to < from)
        {
            item.Fail("validTo", string.Create(CultureInfo.InvariantCulture, $"ends ({to:O}) before it starts ({from:O})"));
        }

        if (!item.IsValid)
        {
            return false;
        }

        var row = await db.Promotions.FindAsync([code], cancellationToken) ?? db.Promotions.Add(new PromotionEntity { Code = code! }).Entity;
        row.Campaign = campaign;
        row.ValidFrom = from;
        row.ValidTo = to;
        row.PercentOff = percent;
        row.AmountOff = amount;
        row.ReceivedAt = now;
        return true;
    }
}
