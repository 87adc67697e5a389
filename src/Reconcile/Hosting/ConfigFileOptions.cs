namespace Reconcile.Hosting;

/// <summary>The file named by RECONCILE_CONFIG, checked at start-up with the rest of the configuration.</summary>
public sealed class ConfigFileOptions
{
    public string Path { get; set; } = "";
}
