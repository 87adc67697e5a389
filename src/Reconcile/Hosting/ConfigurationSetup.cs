using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration.Json;

namespace Reconcile.Hosting;

public static class ConfigurationSetup
{
    public const string ConfigFileVariable = "RECONCILE_CONFIG";

    /// <summary>
    /// The layering the README's Configuration section documents: appsettings.json, then the JSON file named by RECONCILE_CONFIG,
    /// then environment variables (then command-line arguments, as ASP.NET Core always does).
    /// </summary>
    public static IHostApplicationBuilder AddReconcileConfiguration(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        // A service whose constructor cannot be satisfied stops start-up instead of failing on first use.
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        var path = Environment.GetEnvironmentVariable(ConfigFileVariable);
        if (string.IsNullOrWhiteSpace(path))
        {
            return builder;
        }

        var full = Path.GetFullPath(path);
        // A missing file is reported with the other configuration problems, not as a crash.
        builder.Services.AddOptions<ConfigFileOptions>()
            .Configure(o => o.Path = full)
            .Validate(o => File.Exists(o.Path), $"{ConfigFileVariable}: '{full}' does not exist")
            .ValidateOnStart();
        InsertBeforeEnvironment(builder.Configuration, new JsonConfigurationSource
        {
            Path = Path.GetFileName(full),
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(Path.GetDirectoryName(full)!),
            Optional = true,
            ReloadOnChange = false,
        });
        return builder;
    }

    private static void InsertBeforeEnvironment(IConfigurationBuilder configuration, IConfigurationSource source)
    {
        var sources = configuration.Sources;
        var index = -1;
        for (var i = 0; i < sources.Count; i++)
        {
            if (sources[i] is EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                index = i;
            }
        }

        if (index < 0)
        {
            sources.Add(source);
        }
        else
        {
            sources.Insert(index, source);
        }
    }
}
