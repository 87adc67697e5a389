namespace Reconcile.Topology;

/// <summary>
/// One known pattern of <see cref="AutomationOptions.Rules"/>: a finding type in one target system,
/// optionally one attribute, optionally no more than a value at risk.
/// </summary>
public sealed class AutomationRuleOptions
{
    /// <summary>A replayable finding type: missing_in_target, field_mismatch or partial_sync.</summary>
    public string Type { get; set; } = "";

    /// <summary>The target system written into; it needs a writable connector.</summary>
    public string System { get; set; } = "";

    /// <summary>Only findings about this attribute (e.g. promoCode); null: any attribute.</summary>
    public string? Attribute { get; set; }

    /// <summary>Only findings whose value at risk (in the order's currency) is at most this; null: any value.</summary>
    public decimal? MaxValueAtRisk { get; set; }

    /// <summary>How figures and the audit trail name the rule, e.g. "partial_sync/crm/promoCode".</summary>
    public string Name => string.IsNullOrEmpty(Attribute) ? $"{Type}/{System}" : $"{Type}/{System}/{Attribute}";

    /// <summary>True when a finding (type, target system, attribute, value at risk in the order's currency) is this pattern.</summary>
    public bool Matches(string type, string system, string? attribute, decimal valueAtRisk) =>
        string.Equals(Type, type, StringComparison.Ordinal)
        && string.Equals(System, system, StringComparison.Ordinal)
        && (string.IsNullOrEmpty(Attribute) || string.Equals(Attribute, attribute, StringComparison.Ordinal))
        && (MaxValueAtRisk is not { } ceiling || Math.Abs(valueAtRisk) <= ceiling);
}
