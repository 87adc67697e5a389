namespace Reconcile.Engine.Flows;

/// <summary>Checks a flow definition so a host can refuse a bad configuration at start-up, naming the key.</summary>
public static class FlowValidator
{
    /// <summary>Returns one message per problem, each starting with the offending key; empty when valid.</summary>
    public static IReadOnlyList<string> Validate(FlowDefinition flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var errors = new List<string>();
        if (string.IsNullOrWhiteSpace(flow.Source))
        {
            errors.Add("Source: is required");
        }

        if (flow.Targets.Count == 0)
        {
            errors.Add("Targets: name at least one target system");
        }

        if (flow.Targets.Contains(flow.Source) || flow.Targets.Distinct(StringComparer.Ordinal).Count() != flow.Targets.Count)
        {
            errors.Add("Targets: must be distinct and must not include the source");
        }

        foreach (var attribute in flow.Compare.Where(a => !OrderAttributes.All.Contains(a)))
        {
            errors.Add($"Compare: unknown attribute '{attribute}'; expected one of {string.Join(", ", OrderAttributes.All)}");
        }

        foreach (var (attribute, system) in flow.Authority)
        {
            if (!OrderAttributes.All.Contains(attribute))
            {
                errors.Add($"Authority:{attribute}: unknown attribute");
            }

            if (system != flow.Source && !flow.Targets.Contains(system))
            {
                errors.Add($"Authority:{attribute}: system '{system}' is not in this flow");
            }
        }

        if (flow.LagWindow < TimeSpan.Zero)
        {
            errors.Add("LagWindow: must not be negative");
        }

        if (flow.MoneyTolerance < 0m)
        {
            errors.Add("MoneyTolerance: must not be negative");
        }

        foreach (var (currency, tolerance) in flow.MoneyTolerances)
        {
            if (!Records.CurrencyExponent.TryGet(currency, out _))
            {
                errors.Add($"MoneyTolerance:{currency}: not an ISO 4217 currency code");
            }

            if (tolerance < 0m)
            {
                errors.Add($"MoneyTolerance:{currency}: must not be negative");
            }
        }

        if (flow.MaxExceptionRate is <= 0 or > 1)
        {
            errors.Add("MaxExceptionRate: must be greater than 0 and at most 1");
        }

        if (string.IsNullOrWhiteSpace(flow.Owner))
        {
            errors.Add("Owner: is required");
        }

        return errors;
    }
}
