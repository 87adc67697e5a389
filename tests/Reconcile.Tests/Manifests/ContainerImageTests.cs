using System.Diagnostics;
using System.Text.Json;
using YamlDotNet.RepresentationModel;

namespace Reconcile.Tests.Manifests;

/// <summary>
/// The image `dotnet publish /t:PublishContainer` builds is the one the deployment runs. The base image
/// cannot be pulled on the build machine, so the test evaluates the project's container properties with
/// MSBuild (what the SDK would use) and compares them with manifests/base/deployment.yaml.
/// </summary>
public sealed class ContainerImageTests
{
    private static readonly string Manifests = Path.Combine(AppContext.BaseDirectory, "TestData", "manifests", "base");
    private static readonly string Service = Path.Combine("src", "Reconcile", "Reconcile.csproj");
    private static readonly string Benchmarks = Path.Combine("tests", "Reconcile.Benchmarks", "Reconcile.Benchmarks.csproj");

    [Fact]
    public async Task The_published_image_has_the_repository_tag_user_port_and_database_path_the_deployment_expects()
    {
        var project = await EvaluateAsync(
            Service,
            "-getProperty:ContainerRepository", "-getProperty:ContainerImageTags", "-getProperty:ContainerUser",
            "-getItem:ContainerPort", "-getItem:ContainerEnvironmentVariable");
        var properties = project.GetProperty("Properties");
        var items = project.GetProperty("Items");
        var container = DeploymentContainer(out var pod);

        // image: <registry>/<owner>/reconcile:<tag> — the last path segment is the SDK's ContainerRepository.
        var image = Scalar(container, "image");
        var repository = properties.GetProperty("ContainerRepository").GetString();
        Assert.Equal("reconcile", repository);
        Assert.EndsWith("/" + repository, image[..image.LastIndexOf(':')], StringComparison.Ordinal);
        var tags = properties.GetProperty("ContainerImageTags").GetString()!.Split(';');
        Assert.Contains(image[(image.LastIndexOf(':') + 1)..], tags);
        Assert.Contains("1.0.0", tags);

        Assert.Equal(Scalar(pod, "securityContext", "runAsUser"), properties.GetProperty("ContainerUser").GetString());
        Assert.Equal("10001", properties.GetProperty("ContainerUser").GetString());

        var port = Assert.Single(items.GetProperty("ContainerPort").EnumerateArray());
        Assert.Equal("8080", port.GetProperty("Identity").GetString());
        var containerPort = (YamlMappingNode)((YamlSequenceNode)Node(container, "ports")).Children[0];
        Assert.Equal("8080", Scalar(containerPort, "containerPort"));

        var environment = items.GetProperty("ContainerEnvironmentVariable").EnumerateArray()
            .ToDictionary(e => e.GetProperty("Identity").GetString()!, e => e.GetProperty("Value").GetString());
        Assert.Equal("8080", environment["ASPNETCORE_HTTP_PORTS"]);
        Assert.Equal("Data Source=/data/reconcile.db", environment["Database__ConnectionString"]);
        var mounts = ((YamlSequenceNode)Node(container, "volumeMounts")).Children.Cast<YamlMappingNode>().Select(m => Scalar(m, "mountPath"));
        Assert.Contains("/data", mounts);
    }

    [Fact]
    public async Task The_published_image_is_precompiled_and_only_there_is_a_method_reoptimized_after_a_thousand_calls()
    {
        var published = await EvaluateAsync(Service, "-property:_IsPublishing=true", "-getProperty:PublishReadyToRun", "-getItem:RuntimeHostConfigurationOption");
        Assert.Equal("true", published.GetProperty("Properties").GetProperty("PublishReadyToRun").GetString());
        Assert.Equal("1000", RuntimeOption(published, "System.Runtime.TieredCompilation.CallCountThreshold"));

        // A build (tests, `demo`) runs code compiled as it goes: the runtime's own threshold serves it better.
        var built = await EvaluateAsync(Service, "-getProperty:PublishReadyToRun", "-getItem:RuntimeHostConfigurationOption");
        Assert.Null(RuntimeOption(built, "System.Runtime.TieredCompilation.CallCountThreshold"));
        Assert.Equal("2097152", RuntimeOption(built, "System.GC.LOHThreshold"));
        Assert.NotEqual("true", built.GetProperty("Properties").GetProperty("PublishReadyToRun").GetString());
    }

    [Fact]
    public async Task The_benchmarks_release_build_runs_what_the_published_image_runs()
    {
        var published = await EvaluateAsync(Service, "-property:_IsPublishing=true", "-getProperty:PublishReadyToRun", "-getItem:RuntimeHostConfigurationOption");
        var release = await EvaluateAsync(Benchmarks, "-property:Configuration=Release", "-getProperty:PublishReadyToRun", "-getItem:RuntimeHostConfigurationOption");
        Assert.Equal("true", release.GetProperty("Properties").GetProperty("PublishReadyToRun").GetString());
        foreach (var option in new[] { "System.Runtime.TieredCompilation.CallCountThreshold", "System.Runtime.TieredCompilation.CallCountingDelayMs", "System.GC.LOHThreshold" })
        {
            Assert.Equal(RuntimeOption(published, option), RuntimeOption(release, option));
        }

        var debug = await EvaluateAsync(Benchmarks, "-property:Configuration=Debug", "-getProperty:PublishReadyToRun", "-getItem:RuntimeHostConfigurationOption");
        Assert.Null(RuntimeOption(debug, "System.Runtime.TieredCompilation.CallCountThreshold"));
    }

    private static string? RuntimeOption(JsonElement project, string name) =>
        project.GetProperty("Items").GetProperty("RuntimeHostConfigurationOption").EnumerateArray()
            .Where(o => o.GetProperty("Identity").GetString() == name)
            .Select(o => o.GetProperty("Value").GetString())
            .SingleOrDefault();

    private static async Task<JsonElement> EvaluateAsync(string project, params string[] queries)
    {
        var root = RepositoryRoot();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "msbuild", Path.Combine(root, project) }.Concat(queries))
        {
            start.ArgumentList.Add(argument);
        }

        // The test host's own MSBuild settings must not leak into the evaluation.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"dotnet msbuild failed: {await output}{await error}");
        return JsonDocument.Parse(await output).RootElement.Clone();
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Reconcile.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Reconcile.sln not found above " + AppContext.BaseDirectory);
    }

    private static YamlMappingNode DeploymentContainer(out YamlMappingNode pod)
    {
        using var reader = new StreamReader(Path.Combine(Manifests, "deployment.yaml"));
        var stream = new YamlStream();
        stream.Load(reader);
        pod = (YamlMappingNode)Node(stream.Documents[0].RootNode, "spec", "template", "spec");
        return (YamlMappingNode)((YamlSequenceNode)Node(pod, "containers")).Children[0];
    }

    private static YamlNode Node(YamlNode node, params string[] path) =>
        path.Aggregate(node, (current, key) => ((YamlMappingNode)current).Children[new YamlScalarNode(key)]);

    private static string Scalar(YamlNode node, params string[] path) => ((YamlScalarNode)Node(node, path)).Value ?? "";
}
