using Microsoft.AspNetCore.Hosting;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest.Pull;

/// <summary>
/// The real host whose connector settings are also host settings, as an operator's configuration file is: pull jobs and
/// their triggers are declared from configuration before the host is built, so a system's Connector:Pull must be there
/// by then. Only the connector keys are passed so: host settings travel as command-line arguments, where a value
/// starting with '/' (a JSON Pointer) would be read as a key; the full settings still come in as usual.
/// </summary>
public sealed class PullFactory(IDictionary<string, string?> settings) : ReconcileFactory(settings)
{
    private readonly Dictionary<string, string?> _hostSettings = settings
        .Where(kv => kv.Key.Contains(":Connector:", StringComparison.Ordinal) && kv.Value?.StartsWith('/') != true)
        .ToDictionary();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        foreach (var (key, value) in _hostSettings)
        {
            builder.UseSetting(key, value);
        }
    }
}
