using System.ComponentModel;

namespace Reconcile.Topology;

/// <summary>
/// A flow's <c>MoneyTolerance</c>: either one number for every currency (<c>"MoneyTolerance": 0.01</c>)
/// or a map by ISO 4217 code in that currency's units (<c>"MoneyTolerance": { "JPY": 1, "KWD": 0.0005 }</c>).
/// A currency the map does not list, and every currency when the key is absent, gets half its minor unit.
/// </summary>
[TypeConverter(typeof(MoneyToleranceConverter))]
public sealed class MoneyToleranceOptions : Dictionary<string, decimal>
{
    public MoneyToleranceOptions()
        : base(StringComparer.OrdinalIgnoreCase)
    {
    }

    /// <summary>The one tolerance for every currency, when configured as a number.</summary>
    public decimal? Everywhere { get; private set; }

    /// <summary>A tolerance configured as one number.</summary>
    public static MoneyToleranceOptions Of(decimal everywhere) => new() { Everywhere = everywhere };
}
