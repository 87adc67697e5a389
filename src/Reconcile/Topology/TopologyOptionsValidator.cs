using Microsoft.Extensions.Options;
using Quartz;

namespace Reconcile.Topology;

/// <summary>Checks the references between owners, systems and flows; one failure line per problem, naming the key.</summary>
internal sealed class TopologyOptionsValidator : IValidateOptions<TopologyOptions>
{
    public static readonly IReadOnlySet<string> ComparableAttributes = new HashSet<string>(StringComparer.Ordinal)
    {
        "customerId", "currency", "subtotal", "discount", "tax", "total", "promoCode", "status", "campaign", "region", "lines",
    };

    public ValidateOptionsResult Validate(string? name, TopologyOptions options)
    {
        var failures = new List<string>();
        OwnerChecks.Validate(options.Owners, failures);
        ValidateSystems(options, failures);
        foreach (var (flowName, flow) in options.Flows)
        {
            ValidateFlow(options, $"{TopologyOptions.FlowsSection}:{flowName}", flow, failures);
        }

        CalendarChecks.Validate(options.Calendar, failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateSystems(TopologyOptions options, List<string> failures)
    {
        foreach (var (systemName, system) in options.Systems)
        {
            var key = $"{TopologyOptions.SystemsSection}:{systemName}";
            RequireOwner(options, $"{key}:Owner", system.Owner, failures);
            if (system.Connector is { } connector)
            {
                ConnectorChecks.Validate($"{key}:Connector", connector, failures);
            }
        }
    }

    private static void ValidateFlow(TopologyOptions options, string key, FlowOptions flow, List<string> failures)
    {
        if (!options.Systems.ContainsKey(flow.Source))
        {
            failures.Add($"{key}:Source: '{flow.Source}' is not a configured system{Known(options.Systems.Keys)}");
        }

        if (flow.Targets.Count == 0)
        {
            failures.Add($"{key}:Targets: at least one target system is required");
        }

        for (var i = 0; i < flow.Targets.Count; i++)
        {
            var target = flow.Targets[i];
            if (!options.Systems.ContainsKey(target))
            {
                failures.Add($"{key}:Targets:{i}: '{target}' is not a configured system{Known(options.Systems.Keys)}");
            }
            else if (target == flow.Source)
            {
                failures.Add($"{key}:Targets:{i}: '{target}' is the flow's source; a flow reconciles its source against other systems");
            }
        }

        if (!CronExpression.TryParse(flow.Schedule, out _))
        {
            failures.Add($"{key}:Schedule: '{flow.Schedule}' is not a valid Quartz cron expression (seconds first, e.g. \"0 0/15 * * * ?\")");
        }

        RequireOwner(options, $"{key}:Owner", flow.Owner, failures);
        for (var i = 0; i < flow.Compare.Count; i++)
        {
            if (!ComparableAttributes.Contains(flow.Compare[i]))
            {
                failures.Add($"{key}:Compare:{i}: '{flow.Compare[i]}' is not a comparable attribute{Known(ComparableAttributes)}");
            }
        }

        foreach (var (attribute, system) in flow.Authority)
        {
            if (!ComparableAttributes.Contains(attribute))
            {
                failures.Add($"{key}:Authority:{attribute}: '{attribute}' is not a comparable attribute");
            }

            if (system != flow.Source && !flow.Targets.Contains(system))
            {
                failures.Add($"{key}:Authority:{attribute}: '{system}' is neither the flow's source nor one of its targets");
            }
        }

        if (flow.LagWindow < TimeSpan.Zero)
        {
            failures.Add($"{key}:LagWindow: must not be negative");
        }

        if (flow.MoneyTolerance.Everywhere < 0)
        {
            failures.Add($"{key}:MoneyTolerance: must not be negative");
        }

        foreach (var (currency, tolerance) in flow.MoneyTolerance)
        {
            if (!Engine.Records.CurrencyExponent.TryGet(currency, out _))
            {
                failures.Add($"{key}:MoneyTolerance:{currency}: '{currency}' is not an ISO 4217 currency code");
            }
            else if (tolerance < 0)
            {
                failures.Add($"{key}:MoneyTolerance:{currency}: must not be negative");
            }
        }

        if (flow.MaxExceptionRate is <= 0 or > 1)
        {
            failures.Add($"{key}:MaxExceptionRate: must be greater than 0 and at most 1");
        }

        if (flow.Mode is not (FlowOptions.Live or FlowOptions.Shadow))
        {
            failures.Add($"{key}:Mode: '{flow.Mode}' is not a mode (use Live or Shadow)");
        }

        AutomationChecks.Validate(options, $"{key}:Automation", flow, failures);
    }

    private static void RequireOwner(TopologyOptions options, string key, string owner, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(owner))
        {
            failures.Add($"{key}: required");
        }
        else if (!options.Owners.ContainsKey(owner))
        {
            failures.Add($"{key}: '{owner}' is not a configured owner{Known(options.Owners.Keys)}");
        }
    }

    internal static string Known(IEnumerable<string> names)
    {
        var list = string.Join(", ", names.Order(StringComparer.Ordinal));
        return list.Length == 0 ? " (none configured: add them to the RECONCILE_CONFIG file; appsettings.sample.json is an example)" : $" (known: {list})";
    }
}
