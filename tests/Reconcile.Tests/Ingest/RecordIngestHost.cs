using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest;

/// <summary>
/// The class fixture of <see cref="RecordIngestTests"/>: one host where shop and crm have ingest tokens and a body may
/// hold 20,000 bytes. <see cref="ResetAsync"/> empties the records and their history before each test, which counts them.
/// </summary>
public sealed class RecordIngestHost() : ReconcileFactory(new Dictionary<string, string?>
{
    ["Systems:shop:IngestToken"] = ShopToken,
    ["Systems:crm:IngestToken"] = CrmToken,
    ["Api:MaxBodyBytes"] = "20000",
})
{
    public const string ShopToken = "shop-ingest-token";
    public const string CrmToken = "crm-ingest-token";

    /// <summary>Deletes every record and record history row.</summary>
    public async Task ResetAsync()
    {
        await ClearAsync<RecordHistoryEntity>();
        await ClearAsync<RecordEntity>();
    }
}
