using Microsoft.EntityFrameworkCore;
using Reconcile.Data;
using Reconcile.Engine.Reference;

namespace Reconcile.Reconciliation;

/// <summary>Customers, products and promotions for the checks; small enough to load whole for each run.</summary>
public sealed class ReferenceDataLoader(ReconcileDbContext db)
{
    public async Task<ReferenceData> LoadAsync(CancellationToken cancellationToken)
    {
        var customers = await db.Customers.AsNoTracking().Select(c => c.Id).ToListAsync(cancellationToken);
        var products = await db.Products.AsNoTracking().Select(p => new Product(p.Sku, p.Price)).ToListAsync(cancellationToken);
        var promotions = await db.Promotions.AsNoTracking()
            .Select(p => new Promotion(p.Code, p.Campaign, p.ValidFrom, p.ValidTo, p.PercentOff, p.AmountOff))
            .ToListAsync(cancellationToken);
        return new ReferenceData(customers, products, promotions);
    }
}
