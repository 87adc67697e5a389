using System.Globalization;
using YamlDotNet.RepresentationModel;

namespace Reconcile.Tests.Manifests;

/// <summary>Every file in manifests/base parses as YAML and the deployment's essentials agree with the configuration.</summary>
public sealed class KubernetesManifestTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "TestData", "manifests", "base");

    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Folder, "*.yaml"))
        {
            data.Add(Path.GetFileName(file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Every_manifest_parses_as_yaml_with_a_kind(string file)
    {
        var root = Load(file);
        Assert.False(string.IsNullOrEmpty(Scalar(root, "kind")));
        Assert.False(string.IsNullOrEmpty(Scalar(root, "apiVersion")));
    }

    [Fact]
    public void The_manifest_set_has_every_piece_a_deployment_needs()
    {
        var kinds = Directory.GetFiles(Folder, "*.yaml").Select(f => Scalar(Load(Path.GetFileName(f)), "kind")).ToList();
        foreach (var kind in new[] { "Deployment", "Service", "ConfigMap", "Secret", "PersistentVolumeClaim", "Kustomization" })
        {
            Assert.Contains(kind, kinds);
        }
    }

    [Fact]
    public void The_deployment_probes_live_and_ready_runs_as_non_root_and_mounts_the_database_directory()
    {
        var deployment = Load("deployment.yaml");
        Assert.Equal("1", Scalar(deployment, "spec", "replicas"));
        var pod = Node(deployment, "spec", "template", "spec");
        var container = (YamlMappingNode)((YamlSequenceNode)Node(pod, "containers")).Children[0];

        Assert.Equal("/healthz/ready", Scalar(container, "readinessProbe", "httpGet", "path"));
        Assert.Equal("/healthz/live", Scalar(container, "livenessProbe", "httpGet", "path"));
        // Migrations run before the server listens: the startup probe must wait for them on the dependency-free route.
        Assert.Equal("/healthz/live", Scalar(container, "startupProbe", "httpGet", "path"));
        var startupSeconds = int.Parse(Scalar(container, "startupProbe", "periodSeconds"), CultureInfo.InvariantCulture)
            * int.Parse(Scalar(container, "startupProbe", "failureThreshold"), CultureInfo.InvariantCulture);
        Assert.True(startupSeconds >= 300, $"the startup probe allows only {startupSeconds} s for migrations");
        Assert.Equal("true", Scalar(pod, "securityContext", "runAsNonRoot"));
        Assert.Equal("true", Scalar(container, "securityContext", "readOnlyRootFilesystem"));
        Assert.NotNull(Node(container, "resources", "limits"));

        var connectionString = Scalar(Load("configmap.yaml"), "data", "Database__ConnectionString");
        var databaseDirectory = Path.GetDirectoryName(connectionString.Replace("Data Source=", "", StringComparison.Ordinal))!;
        var mounts = ((YamlSequenceNode)Node(container, "volumeMounts")).Children.Cast<YamlMappingNode>().ToList();
        var dataMount = Assert.Single(mounts, m => Scalar(m, "mountPath") == databaseDirectory);
        var volume = ((YamlSequenceNode)Node(pod, "volumes")).Children.Cast<YamlMappingNode>().Single(v => Scalar(v, "name") == Scalar(dataMount, "name"));
        Assert.Equal(Scalar(Load("pvc.yaml"), "metadata", "name"), Scalar(volume, "persistentVolumeClaim", "claimName"));
    }

    [Fact]
    public void The_configmap_carries_the_topology_and_the_secret_an_ingest_token_for_each_of_its_systems()
    {
        // The image's appsettings.json has no topology: the mounted RECONCILE_CONFIG file must bring it.
        var reconcileJson = Scalar(Load("configmap.yaml"), "data", "reconcile.json");
        using var topology = System.Text.Json.JsonDocument.Parse(reconcileJson);
        var systems = topology.RootElement.GetProperty("Systems").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["billing", "crm", "shop"], systems);
        Assert.Equal(["promo-to-billing"], topology.RootElement.GetProperty("Flows").EnumerateObject().Select(p => p.Name));

        var secretKeys = ((YamlMappingNode)Node(Load("secret.example.yaml"), "stringData")).Children.Keys.Select(k => k.ToString()).ToList();
        Assert.All(systems, system => Assert.Contains($"Systems__{system}__IngestToken", secretKeys));
    }

    [Fact]
    public void The_secret_is_a_template_with_placeholders_only()
    {
        var data = (YamlMappingNode)Node(Load("secret.example.yaml"), "stringData");
        Assert.Contains(data.Children.Keys, k => k.ToString() == "Slack__BotToken");
        Assert.Contains(data.Children.Keys, k => k.ToString() == "Slack__SigningSecret");
        Assert.All(data.Children.Values, v => Assert.Contains("CHANGE-ME", v.ToString(), StringComparison.Ordinal));
    }

    private static YamlMappingNode Load(string file)
    {
        using var reader = new StreamReader(Path.Combine(Folder, file));
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static YamlNode Node(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value ?? "";
}
