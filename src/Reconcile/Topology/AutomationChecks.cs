using Reconcile.Engine.Findings;

namespace Reconcile.Topology;

/// <summary>Start-up checks of a flow's <c>Automation</c> section; each failure names its key.</summary>
internal static class AutomationChecks
{
    /// <summary>What a replay can repair: the target lacks or garbles what the authority has (the Replay button's rule too).</summary>
    public static readonly IReadOnlySet<string> ReplayableTypes = new HashSet<string>(StringComparer.Ordinal)
    {
        FindingType.MissingInTarget, FindingType.FieldMismatch, FindingType.PartialSync,
    };

    public static void Validate(TopologyOptions options, string key, FlowOptions flow, List<string> failures)
    {
        var automation = flow.Automation;
        if (automation.Mode is not (AutomationOptions.Off or AutomationOptions.Shadow or AutomationOptions.Live))
        {
            failures.Add($"{key}:Mode: '{automation.Mode}' is not an automation mode (use Off, Shadow or Live)");
        }
        else if (automation.Mode != AutomationOptions.Off && automation.Rules.Count == 0)
        {
            failures.Add($"{key}:Rules: at least one rule is required when Mode is {automation.Mode}");
        }

        if (automation.Mode == AutomationOptions.Live && flow.Mode == FlowOptions.Shadow)
        {
            failures.Add($"{key}:Mode: Live automation writes to systems, but the flow itself is in Shadow mode (use Shadow or Off)");
        }

        if (automation.MaxFailureRate is < 0 or > 1 || double.IsNaN(automation.MaxFailureRate))
        {
            failures.Add($"{key}:MaxFailureRate: must be between 0 and 1");
        }

        if (automation.MinAttempts < 1)
        {
            failures.Add($"{key}:MinAttempts: must be at least 1");
        }

        if (automation.MaxPerRun < 1)
        {
            failures.Add($"{key}:MaxPerRun: must be at least 1");
        }

        for (var i = 0; i < automation.Rules.Count; i++)
        {
            ValidateRule(options, $"{key}:Rules:{i}", flow, automation.Rules[i], failures);
        }
    }

    private static void ValidateRule(TopologyOptions options, string key, FlowOptions flow, AutomationRuleOptions rule, List<string> failures)
    {
        if (!ReplayableTypes.Contains(rule.Type))
        {
            failures.Add($"{key}:Type: '{rule.Type}' cannot be replayed{TopologyOptionsValidator.Known(ReplayableTypes)}");
        }

        if (!flow.Targets.Contains(rule.System))
        {
            failures.Add($"{key}:System: '{rule.System}' is not one of the flow's targets{TopologyOptionsValidator.Known(flow.Targets)}");
        }
        else if (options.Systems.TryGetValue(rule.System, out var system) && WhyNotWritable(system.Connector, rule.Type) is { } why)
        {
            failures.Add($"{key}:System: '{rule.System}' {why}");
        }

        if (!string.IsNullOrEmpty(rule.Attribute) && !TopologyOptionsValidator.ComparableAttributes.Contains(rule.Attribute))
        {
            failures.Add($"{key}:Attribute: '{rule.Attribute}' is not a comparable attribute");
        }

        if (rule.MaxValueAtRisk is < 0)
        {
            failures.Add($"{key}:MaxValueAtRisk: must not be negative");
        }
    }

    /// <summary>
    /// In-process systems are written through Reconcile's own store; an Http system needs <c>Write</c> to update an
    /// order it has and <c>Create</c> to add one it is missing.
    /// </summary>
    private static string? WhyNotWritable(ConnectorOptions? connector, string type)
    {
        if (connector is null || connector.Kind == ConnectorOptions.InProcess)
        {
            return null;
        }

        if (connector.Kind != ConnectorOptions.Http)
        {
            return "has no writable connector";
        }

        return type == FindingType.MissingInTarget
            ? connector.Create is null ? "has no writable connector for a missing order (set its Connector:Create)" : null
            : connector.Write is null ? "has no writable connector (set its Connector:Write)" : null;
    }
}
