using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Reconcile.Data.Entities;
using Reconcile.Tests.Infrastructure;
using Reconcile.Tests.Slack.Fakes;
using YamlDotNet.RepresentationModel;

namespace Reconcile.Tests.Manifests;

/// <summary>The Grafana dashboard and the Prometheus alert rules use only metrics that GET /metrics serves.</summary>
[Collection(Reconcile.Tests.Reconciliation.MetricsScrapes.Name)]
public sealed partial class MonitoringTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "manifests", "monitoring");

    [Fact]
    public async Task Every_metric_the_dashboard_and_the_alert_rules_use_is_exported()
    {
        var used = DashboardExpressions().Concat(RuleExpressions())
            .SelectMany(e => MetricName().Matches(e).Select(m => m.Value))
            .ToHashSet(StringComparer.Ordinal);
        Assert.True(used.Count >= 5, $"the dashboard and rules use only {used.Count} metric(s)");

        await using var slack = await FakeSlackApi.StartAsync();
        using var factory = ReconcileFactory.With(new Dictionary<string, string?>
        {
            ["Slack:BotToken"] = "xoxb-monitoring",
            ["Slack:ApiBaseUrl"] = slack.BaseUrl,
            ["Slack:ChannelPostInterval"] = "00:00:00.010",
        });
        using var client = factory.CreateClient();
        // A run with a missing order posted to Slack, so every series has a sample, then past the SLA so overdue does too.
        await client.PostJsonAsync("/api/systems/shop/records", """{"records":[{"orderId":"9001","currency":"USD","total":10.00,"updatedAt":"2026-11-23T12:00:00Z"}]}""");
        factory.Time.Advance(TimeSpan.FromMinutes(30));
        await RunDriver.RunAsync(client);
        await slack.WaitForAsync("chat.postMessage", 2);
        // Slack has the messages before the outbox records them as sent; the delivery gauge reads only sent rows.
        await SlackTestHost.WaitUntilAsync(() => SlackTestHost.QueryAsync(factory,
            db => db.SlackOutbox.AnyAsync(o => o.Status == OutboxStatus.Sent && o.SentAt != null)));
        factory.Time.Advance(TimeSpan.FromDays(7));
        var scrape = await (await client.GetAsync(new Uri("/metrics", UriKind.Relative))).Content.ReadAsStringAsync();

        var exported = scrape.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#'))
            .Select(l => l[..l.IndexOfAny(['{', ' '])]).ToHashSet(StringComparer.Ordinal);
        Assert.All(used, name => Assert.Contains(name, exported));
    }

    [Fact]
    public void Every_alert_rule_has_a_name_an_expression_and_a_summary()
    {
        foreach (var rule in Rules())
        {
            Assert.False(string.IsNullOrEmpty(Scalar(rule, "alert")));
            Assert.False(string.IsNullOrEmpty(Scalar(rule, "expr")));
            Assert.False(string.IsNullOrEmpty(Scalar((YamlMappingNode)rule.Children[new YamlScalarNode("annotations")], "summary")));
        }
    }

    private static List<string> DashboardExpressions()
    {
        using var dashboard = JsonDocument.Parse(File.ReadAllText(Path.Combine(Folder, "reconcile-dashboard.json")));
        var expressions = dashboard.RootElement.GetProperty("panels").EnumerateArray()
            .SelectMany(p => p.GetProperty("targets").EnumerateArray())
            .Select(t => t.GetProperty("expr").GetString()!)
            .ToList();
        Assert.NotEmpty(expressions);
        return expressions;
    }

    private static List<string> RuleExpressions() => Rules().Select(r => Scalar(r, "expr")).ToList();

    private static List<YamlMappingNode> Rules()
    {
        using var reader = new StreamReader(Path.Combine(Folder, "reconcile-alerts.rules.yaml"));
        var stream = new YamlStream();
        stream.Load(reader);
        var groups = (YamlSequenceNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode("groups")];
        var rules = groups.Children.Cast<YamlMappingNode>()
            .SelectMany(g => ((YamlSequenceNode)g.Children[new YamlScalarNode("rules")]).Children.Cast<YamlMappingNode>())
            .ToList();
        Assert.NotEmpty(rules);
        return rules;
    }

    private static string Scalar(YamlMappingNode node, string key) => ((YamlScalarNode)node.Children[new YamlScalarNode(key)]).Value ?? "";

    [GeneratedRegex(@"\breconcile_[a-z_]+\b")]
    private static partial Regex MetricName();
}
