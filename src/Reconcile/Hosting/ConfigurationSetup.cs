using Microsoft.Extensions.Configuration.EnvironmentVariables;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Configuration.Json;

namespace Reconcile.Hosting;

public static class ConfigurationSetup
{
    public const string ConfigFileVariable = "RECONCILE_CONFIG";

    /// <summary>
    /// The example topology (owners, systems, flows, channels) beside the binary. appsettings.json holds
    /// defaults only, because .NET merges sources key by key: an example there would leak into every
    /// operator's configuration (an owner's UserGroup, an extra flow still scheduled).
    /// </summary>
    public const string SampleFile = "appsettings.sample.json";

    /// <summary>Adds <see cref="SampleFile"/> before the environment, for the demo; a missing file stops start-up naming it.</summary>
    public static IHostApplicationBuilder AddSampleConfiguration(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        InsertBeforeEnvironment(builder.Configuration, new JsonConfigurationSource
        {
            Path = SampleFile,
            FileProvider = new Microsoft.Extensions.FileProviders.PhysicalFileProvider(AppContext.BaseDirectory),
            Optional = false,
            ReloadOnChange = false,
        });
        return builder;
    }

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
