using System.Globalization;
using YamlDotNet.RepresentationModel;
using static Reconcile.Tests.Manifests.KustomizeOverlay;

namespace Reconcile.Tests.Manifests;

/// <summary>The scale-out overlay renders to several replicas on PostgreSQL with no volume claim and a disruption budget.</summary>
public sealed class ScaleOutOverlayTests
{
    private static readonly string Overlay = Path.Combine(AppContext.BaseDirectory, "TestData", "manifests", "overlays", "scale-out");
    private readonly List<YamlMappingNode> _rendered = Render(Overlay);

    [Fact]
    public void The_overlay_runs_several_replicas_rolling_one_at_a_time()
    {
        var deployment = Resource("Deployment");
        var replicas = int.Parse(Scalar(deployment, "spec", "replicas"), CultureInfo.InvariantCulture);

        Assert.True(replicas >= 2, $"{replicas} replica(s)");
        Assert.Equal("RollingUpdate", Scalar(deployment, "spec", "strategy", "type"));
        Assert.Equal("0", Scalar(deployment, "spec", "strategy", "rollingUpdate", "maxUnavailable"));
    }

    [Fact]
    public void The_overlay_uses_PostgreSQL_with_its_connection_string_from_a_secret_and_claims_no_volume()
    {
        Assert.Equal("Postgres", Scalar(Resource("ConfigMap"), "data", "Database__Provider"));
        Assert.Null(Find(Resource("ConfigMap"), "data", "Database__ConnectionString"));
        Assert.DoesNotContain(_rendered, r => Scalar(r, "kind") == "PersistentVolumeClaim");

        var pod = Find(Resource("Deployment"), "spec", "template", "spec")!;
        var volumes = ((YamlSequenceNode)Find(pod, "volumes")!).Children.Cast<YamlMappingNode>();
        Assert.All(volumes, v => Assert.Null(Find(v, "persistentVolumeClaim")));

        var container = (YamlMappingNode)((YamlSequenceNode)Find(pod, "containers")!).Children[0];
        var env = ((YamlSequenceNode)Find(container, "env")!).Children.Cast<YamlMappingNode>();
        var connection = Assert.Single(env, e => Scalar(e, "name") == "Database__ConnectionString");
        var secret = Load(Path.Combine(Overlay, "postgres-secret.example.yaml"));
        Assert.Equal(Scalar(secret, "metadata", "name"), Scalar(connection, "valueFrom", "secretKeyRef", "name"));
        Assert.NotNull(Find(secret, "stringData", Scalar(connection, "valueFrom", "secretKeyRef", "key")));
        Assert.Equal("metadata.name", Scalar(Assert.Single(env, e => Scalar(e, "name") == "Scheduling__InstanceId"), "valueFrom", "fieldRef", "fieldPath"));
    }

    [Fact]
    public void The_disruption_budget_covers_the_replicas_and_leaves_room_to_drain_one()
    {
        var budget = Resource("PodDisruptionBudget");
        var deployment = Resource("Deployment");
        var podLabels = (YamlMappingNode)Find(deployment, "spec", "template", "metadata", "labels")!;
        var selector = (YamlMappingNode)Find(budget, "spec", "selector", "matchLabels")!;

        Assert.All(selector.Children, label => Assert.Equal(label.Value.ToString(), podLabels.Children[label.Key].ToString()));
        var minAvailable = int.Parse(Scalar(budget, "spec", "minAvailable"), CultureInfo.InvariantCulture);
        Assert.InRange(minAvailable, 1, int.Parse(Scalar(deployment, "spec", "replicas"), CultureInfo.InvariantCulture) - 1);
    }

    private YamlMappingNode Resource(string kind) => Assert.Single(_rendered, r => Scalar(r, "kind") == kind);
}
