using Microsoft.Extensions.Options;
using Reconcile.Reconciliation;
using Reconcile.Topology;

namespace Reconcile.Ingest;

/// <summary>Who may call what: the admin token for writes and reads, a system's ingest token for that system's records.</summary>
public sealed class ApiAccess(IOptionsMonitor<ApiOptions> api, IOptionsMonitor<TopologyOptions> topology)
{
    public bool IsAdmin(HttpRequest request) => BearerToken.Matches(BearerToken.From(request), api.CurrentValue.AdminToken);

    public bool MaySubmit(HttpRequest request, string system)
    {
        var token = BearerToken.From(request);
        return BearerToken.Matches(token, api.CurrentValue.AdminToken)
            || (topology.CurrentValue.Systems.TryGetValue(system, out var options) && BearerToken.Matches(token, options.IngestToken));
    }

    /// <summary>Reads are open to the admin token and to every system's ingest token.</summary>
    public bool MayRead(HttpRequest request)
    {
        var token = BearerToken.From(request);
        return BearerToken.Matches(token, api.CurrentValue.AdminToken)
            || topology.CurrentValue.Systems.Values.Any(s => BearerToken.Matches(token, s.IngestToken));
    }
}
