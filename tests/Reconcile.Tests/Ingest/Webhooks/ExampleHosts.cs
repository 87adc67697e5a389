using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest.Webhooks;

/// <summary>
/// A test class's hosts configured from the documented example files (see <see cref="WebhookHost.Create"/>), one per
/// example, started on first use and shared by the class's tests. <see cref="CleanAsync"/> is each test's reset: no
/// records and no remembered deliveries, so a test's "stored once" and "nothing is stored" read only its own posts.
/// Tests that restart a host, move its clock or need other keys still build their own with <see cref="WebhookHost.Create"/>.
/// </summary>
public sealed class ExampleHosts : IDisposable
{
    private readonly Dictionary<string, ReconcileFactory> _hosts = new(StringComparer.Ordinal);

    /// <summary>The shared host whose <paramref name="system"/> is configured by examples/systems/<paramref name="file"/>.</summary>
    public ReconcileFactory For(string file, string system)
    {
        var key = $"{file}|{system}";
        lock (_hosts)
        {
            if (!_hosts.TryGetValue(key, out var host))
            {
                host = WebhookHost.Create(file, system);
                _hosts[key] = host;
            }

            return host;
        }
    }

    /// <summary>Empties the records, their history and the remembered webhook deliveries of the shared host for <paramref name="file"/>.</summary>
    public async Task<ReconcileFactory> CleanAsync(string file, string system)
    {
        var host = For(file, system);
        await host.ClearAsync<RecordHistoryEntity>();
        await host.ClearAsync<RecordEntity>();
        await host.ClearAsync<WebhookDeliveryEntity>();
        return host;
    }

    public void Dispose()
    {
        foreach (var host in _hosts.Values)
        {
            host.Dispose();
        }
    }
}
