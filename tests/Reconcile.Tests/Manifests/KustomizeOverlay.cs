using YamlDotNet.RepresentationModel;

namespace Reconcile.Tests.Manifests;

/// <summary>
/// Renders a kustomize overlay the way <c>kubectl kustomize</c> does for the subset our overlays use:
/// directory and file resources, strategic-merge patches matched by kind and name (mappings merge,
/// lists of named items merge by name, <c>null</c> removes a key, <c>$patch: delete</c> removes the resource).
/// </summary>
internal static class KustomizeOverlay
{
    public static List<YamlMappingNode> Render(string directory)
    {
        var kustomization = Load(Path.Combine(directory, "kustomization.yaml"));
        var resources = new List<YamlMappingNode>();
        foreach (var entry in Sequence(kustomization, "resources"))
        {
            var path = Path.GetFullPath(Path.Combine(directory, entry));
            resources.AddRange(Directory.Exists(path) ? Render(path) : [Load(path)]);
        }

        foreach (var patchFile in Sequence(kustomization, "patches", "path"))
        {
            var patch = Load(Path.Combine(directory, patchFile));
            var target = resources.SingleOrDefault(r => Same(r, patch))
                ?? throw new InvalidOperationException($"{patchFile} targets {Scalar(patch, "kind")}/{Name(patch)}, which no resource defines");
            if (patch.Children.TryGetValue(new YamlScalarNode("$patch"), out var directive) && directive.ToString() == "delete")
            {
                resources.Remove(target);
            }
            else
            {
                Merge(target, patch);
            }
        }

        return resources;
    }

    public static YamlMappingNode Load(string file)
    {
        using var reader = new StreamReader(file);
        var stream = new YamlStream();
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static string Scalar(YamlNode node, params string[] path) =>
        Find(node, path) is YamlScalarNode scalar ? scalar.Value ?? "" : "";

    public static YamlNode? Find(YamlNode node, params string[] path)
    {
        YamlNode? current = node;
        foreach (var key in path)
        {
            current = current is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var next) ? next : null;
        }

        return current;
    }

    private static void Merge(YamlMappingNode target, YamlMappingNode patch)
    {
        foreach (var (key, value) in patch.Children)
        {
            if (IsNull(value))
            {
                target.Children.Remove(key);
            }
            else if (value is YamlMappingNode map && target.Children.TryGetValue(key, out var existing) && existing is YamlMappingNode existingMap)
            {
                Merge(existingMap, map);
            }
            else if (value is YamlSequenceNode list && target.Children.TryGetValue(key, out var existingList) && existingList is YamlSequenceNode targetList
                     && list.Children.All(i => i is YamlMappingNode m && Scalar(m, "name").Length > 0))
            {
                foreach (YamlMappingNode item in list.Children.Cast<YamlMappingNode>())
                {
                    var match = targetList.Children.OfType<YamlMappingNode>().FirstOrDefault(t => Scalar(t, "name") == Scalar(item, "name"));
                    if (match is null)
                    {
                        targetList.Add(item);
                    }
                    else
                    {
                        Merge(match, item);
                    }
                }
            }
            else
            {
                target.Children[key] = value;
            }
        }
    }

    private static bool IsNull(YamlNode node) => node is YamlScalarNode { Value: "null" or "~" or null, Style: not (YamlDotNet.Core.ScalarStyle.DoubleQuoted or YamlDotNet.Core.ScalarStyle.SingleQuoted) };

    private static bool Same(YamlMappingNode resource, YamlMappingNode patch) =>
        Scalar(resource, "kind") == Scalar(patch, "kind") && Name(resource) == Name(patch);

    private static string Name(YamlMappingNode node) => Scalar(node, "metadata", "name");

    private static IEnumerable<string> Sequence(YamlMappingNode node, string key, string? field = null) =>
        Find(node, key) is YamlSequenceNode list
            ? list.Children.Select(i => field is null ? i.ToString() : Scalar(i, field))
            : [];
}
