using Microsoft.Extensions.Options;
using Reconcile.Topology;

namespace Reconcile.Ingest.Mapping;

/// <summary>
/// Each system's compiled <see cref="RecordMapping"/>, compiled once per configuration snapshot
/// (the configuration was validated at start-up, so compiling cannot fail here).
/// </summary>
public sealed class SystemMappings(IOptionsMonitor<TopologyOptions> topology)
{
    private (TopologyOptions Options, Dictionary<string, RecordMapping> Mappings)? _cache;

    /// <summary>The mapping of <paramref name="system"/>, or null when it has none (its payloads are canonical).</summary>
    public RecordMapping? For(string system)
    {
        var options = topology.CurrentValue;
        var cache = _cache;
        if (cache is null || !ReferenceEquals(cache.Value.Options, options))
        {
            var mappings = new Dictionary<string, RecordMapping>(StringComparer.Ordinal);
            foreach (var (name, systemOptions) in options.Systems.Where(s => s.Value.Mapping.Count > 0))
            {
                var failures = new List<string>();
                mappings[name] = MappingCompiler.Compile(name, systemOptions.Mapping, failures)
                    ?? throw new InvalidOperationException($"Systems:{name}:Mapping is invalid: {string.Join("; ", failures)}");
            }

            cache = (options, mappings);
            _cache = cache;
        }

        return cache.Value.Mappings.GetValueOrDefault(system);
    }
}
