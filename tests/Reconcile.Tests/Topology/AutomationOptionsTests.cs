using Reconcile.Tests.Infrastructure;
using Reconcile.Topology;

namespace Reconcile.Tests.Topology;

/// <summary>Flows:&lt;name&gt;:Automation is checked at start-up: each bad key gets one config error line naming it.</summary>
public sealed class AutomationOptionsTests
{
    private static TopologyOptions Topology(Action<FlowOptions> change, Action<TopologyOptions>? systems = null)
    {
        var options = new TopologyOptions
        {
            Owners = { ["ops"] = new OwnerOptions { Channel = "C0OPS", Members = ["U0OPS"] } },
            Systems =
            {
                ["shop"] = new SystemOptions { Owner = "ops" },
                ["crm"] = new SystemOptions { Owner = "ops" },
                ["billing"] = new SystemOptions { Owner = "ops" },
            },
            Flows = { ["orders"] = new FlowOptions { Source = "shop", Targets = ["crm", "billing"], Owner = "ops" } },
        };
        options.Flows["orders"].Automation = new AutomationOptions
        {
            Mode = AutomationOptions.Live,
            Rules = [new AutomationRuleOptions { Type = "missing_in_target", System = "crm" }],
        };
        systems?.Invoke(options);
        change(options.Flows["orders"]);
        return options;
    }

    private static List<string> Failures(TopologyOptions options) =>
        new TopologyOptionsValidator().Validate(null, options).Failures?.ToList() ?? [];

    [Fact]
    public void A_live_rule_on_an_in_process_target_is_valid()
    {
        Assert.Empty(Failures(Topology(_ => { })));
    }

    [Theory]
    [InlineData("Sometimes", null, "Flows:orders:Automation:Mode: 'Sometimes' is not an automation mode (use Off, Shadow or Live)")]
    [InlineData(null, "schema_drift", "Flows:orders:Automation:Rules:0:Type: 'schema_drift' cannot be replayed (known: field_mismatch, missing_in_target, partial_sync)")]
    [InlineData(null, "shop", "Flows:orders:Automation:Rules:0:System: 'shop' is not one of the flow's targets (known: billing, crm)")]
    public void A_bad_mode_type_or_system_is_named(string? mode, string? typeOrSystem, string expected)
    {
        var failures = Failures(Topology(flow =>
        {
            flow.Automation.Mode = mode ?? flow.Automation.Mode;
            if (typeOrSystem == "shop")
            {
                flow.Automation.Rules[0].System = "shop";
            }
            else if (typeOrSystem is not null)
            {
                flow.Automation.Rules[0].Type = typeOrSystem;
            }
        }));

        Assert.Contains(expected, failures);
    }

    [Fact]
    public void A_rule_naming_an_http_system_without_a_create_call_is_a_config_error()
    {
        var failures = Failures(Topology(_ => { }, options => options.Systems["crm"].Connector = new ConnectorOptions
        {
            Kind = ConnectorOptions.Http, BaseUrl = "https://crm.example/api/", Write = new ConnectorCallOptions { Method = "PATCH", Path = "deals/{externalId}" },
        }));

        Assert.Contains("Flows:orders:Automation:Rules:0:System: 'crm' has no writable connector for a missing order (set its Connector:Create)", failures);
    }

    [Fact]
    public void Breaker_and_cap_settings_out_of_range_are_each_named()
    {
        var failures = Failures(Topology(flow =>
        {
            flow.Automation.MaxFailureRate = 1.5;
            flow.Automation.MinAttempts = 0;
            flow.Automation.MaxPerRun = 0;
            flow.Automation.Rules[0].Attribute = "colour";
            flow.Automation.Rules[0].MaxValueAtRisk = -1m;
        }));

        Assert.Equal(
            [
                "Flows:orders:Automation:MaxFailureRate: must be between 0 and 1",
                "Flows:orders:Automation:MinAttempts: must be at least 1",
                "Flows:orders:Automation:MaxPerRun: must be at least 1",
                "Flows:orders:Automation:Rules:0:Attribute: 'colour' is not a comparable attribute",
                "Flows:orders:Automation:Rules:0:MaxValueAtRisk: must not be negative",
            ],
            failures);
    }

    [Fact]
    public void Live_automation_on_a_shadow_flow_or_without_rules_is_refused()
    {
        var failures = Failures(Topology(flow =>
        {
            flow.Mode = FlowOptions.Shadow;
            flow.Automation.Rules.Clear();
        }));

        Assert.Contains("Flows:orders:Automation:Rules: at least one rule is required when Mode is Live", failures);
        Assert.Contains("Flows:orders:Automation:Mode: Live automation writes to systems, but the flow itself is in Shadow mode (use Shadow or Off)", failures);
    }

    [Fact]
    public void A_rule_matches_by_type_system_attribute_and_value_ceiling()
    {
        var rule = new AutomationRuleOptions { Type = "partial_sync", System = "crm", Attribute = "promoCode", MaxValueAtRisk = 100m };

        Assert.True(rule.Matches("partial_sync", "crm", "promoCode", 99.99m));
        Assert.False(rule.Matches("partial_sync", "crm", "promoCode", 100.01m));
        Assert.False(rule.Matches("partial_sync", "crm", "lines", 1m));
        Assert.False(rule.Matches("partial_sync", "billing", "promoCode", 1m));
        Assert.Equal("partial_sync/crm/promoCode", rule.Name);
    }

    [Fact]
    public async Task The_real_binary_refuses_to_start_with_a_rule_for_a_system_it_cannot_write()
    {
        var directory = TestDirectory.Create();
        var result = await ReconcileProcess.RunAsync(directory, new Dictionary<string, string>
        {
            ["Database__ConnectionString"] = $"Data Source={Path.Combine(directory, "config.db")}",
            ["Flows__promo-to-billing__Automation__Mode"] = "Live",
            ["Flows__promo-to-billing__Automation__Rules__0__Type"] = "field_mismatch",
            ["Flows__promo-to-billing__Automation__Rules__0__System"] = "crm",
            ["Systems__crm__Connector__Kind"] = "Http",
            ["Systems__crm__Connector__BaseUrl"] = "https://crm.example/api/",
        }, "migrate");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("config error: Flows:promo-to-billing:Automation:Rules:0:System: 'crm' has no writable connector (set its Connector:Write)", result.Error, StringComparison.Ordinal);
    }
}
