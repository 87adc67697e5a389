using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Api;

/// <summary>
/// The class fixture of <see cref="ApiAccessTests"/>: one default host where shop and crm have ingest tokens. Its tests
/// only read and post empty batches, so they share it without a reset.
/// </summary>
public sealed class IngestTokensHost() : ReconcileFactory(new Dictionary<string, string?>
{
    ["Systems:shop:IngestToken"] = ShopToken,
    ["Systems:crm:IngestToken"] = CrmToken,
})
{
    public const string ShopToken = "shop-ingest-token";
    public const string CrmToken = "crm-ingest-token";
}
