using System.Text.Json;
using System.Text.Json.Nodes;
using Json.Schema;
using Reconcile.Slack;
using Reconcile.Slack.Blocks;
using Reconcile.Slack.Commands;
using Reconcile.Slack.Interactions;

namespace Reconcile.Tests.Slack;

/// <summary>slack-app-manifest.yml is valid by Slack's own schema and agrees with the code's ids and routes.</summary>
public sealed class SlackAppManifestTests
{
    private static readonly string ManifestPath = Path.Combine(AppContext.BaseDirectory, "TestData", "slack-app-manifest.yml");
    private static readonly string SocketModeManifestPath = Path.Combine(AppContext.BaseDirectory, "TestData", "slack-app-manifest.socket-mode.yml");
    private static readonly string SchemaPath = Path.Combine(AppContext.BaseDirectory, "Slack", "ManifestSchema", "manifest.schema.1.0.0.json");

    [Fact]
    public void The_manifest_validates_against_Slacks_schema()
    {
        var results = Validate(Manifest());

        Assert.True(results.IsValid, Describe(results));
    }

    [Fact]
    public void The_schema_check_really_rejects_an_unknown_key()
    {
        var manifest = Manifest();
        manifest["features"]!["bot_user"]!["nickname"] = "recon";

        Assert.False(Validate(manifest).IsValid);
    }

    [Fact]
    public void The_slash_command_is_the_one_the_code_handles_and_points_at_its_route()
    {
        var command = Manifest()["features"]!["slash_commands"]!.AsArray().Single()!;

        Assert.Equal(ReconCommand.Name, command["command"]!.ToString());
        Assert.EndsWith(SlackSetup.CommandsRoute, command["url"]!.ToString(), StringComparison.Ordinal);
        Assert.False(command["should_escape"]!.GetValue<bool>());
        Assert.False(string.IsNullOrWhiteSpace(command["usage_hint"]?.ToString()));
    }

    [Fact]
    public void Interactivity_and_events_point_at_their_routes()
    {
        var settings = Manifest()["settings"]!;

        Assert.True(settings["interactivity"]!["is_enabled"]!.GetValue<bool>());
        Assert.EndsWith(SlackSetup.InteractionsRoute, settings["interactivity"]!["request_url"]!.ToString(), StringComparison.Ordinal);
        Assert.EndsWith(SlackSetup.EventsRoute, settings["event_subscriptions"]!["request_url"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_bot_asks_for_exactly_the_scopes_it_uses()
    {
        var scopes = Manifest()["oauth_config"]!["scopes"]!["bot"]!.AsArray().Select(s => s!.ToString()).Order(StringComparer.Ordinal);

        Assert.Equal(["channels:history", "channels:read", "chat:write", "commands", "files:write", "groups:history", "groups:read", "usergroups:read"], scopes);
    }

    [Fact]
    public void The_exception_message_buttons_use_the_action_id_constants()
    {
        var message = ExceptionMessage.Build(TestExceptions.Open());
        var actionIds = message.Blocks.Where(b => b!["type"]!.ToString() == "actions")
            .SelectMany(b => b!["elements"]!.AsArray()).Select(e => e!["action_id"]!.ToString());

        Assert.Equal(["recon.approve", "recon.replay", "recon.escalate"], actionIds);
        Assert.Equal(actionIds, ExceptionActionIds.All);
    }

    [Fact]
    public void The_socket_mode_manifest_validates_and_differs_only_by_socket_mode_and_the_absent_request_urls()
    {
        var socket = YamlToJson.Convert(File.ReadAllText(SocketModeManifestPath))!.AsObject();

        Assert.True(Validate(socket).IsValid, Describe(Validate(socket)));
        Assert.True(socket["settings"]!["socket_mode_enabled"]!.GetValue<bool>());
        Assert.DoesNotContain("https://", socket.ToJsonString(), StringComparison.Ordinal);
        var http = Manifest();
        http["settings"]!["socket_mode_enabled"] = true;
        http["features"]!["slash_commands"]![0]!.AsObject().Remove("url");
        http["settings"]!["interactivity"]!.AsObject().Remove("request_url");
        http["settings"]!["event_subscriptions"]!.AsObject().Remove("request_url");
        Assert.True(JsonNode.DeepEquals(http, socket), "the two manifests must ask for the same command, scopes and events");
    }

    private static JsonObject Manifest() => YamlToJson.Convert(File.ReadAllText(ManifestPath))!.AsObject();

    private static EvaluationResults Validate(JsonObject manifest)
    {
        var schema = JsonSchema.FromText(File.ReadAllText(SchemaPath), new BuildOptions { Dialect = Dialect.Draft07 });
        using var document = JsonDocument.Parse(manifest.ToJsonString());
        return schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static string Describe(EvaluationResults results) =>
        string.Join('\n', (results.Details ?? []).Where(d => d.Errors is not null)
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key} {e.Value}")));
}
