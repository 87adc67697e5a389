using Microsoft.Extensions.DependencyInjection.Extensions;
using Reconcile.Api;
using Microsoft.Extensions.Options;
using Reconcile.Ingest.Mapping;
using Reconcile.Topology;

namespace Reconcile.Ingest.Webhooks;

/// <summary>Native payloads: each system's <c>Mapping</c> (validated at start-up) and its signed webhooks.</summary>
public static class WebhookSetup
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TopologyOptions>, MappingOptionsValidator>());
        builder.Services.AddSingleton<SystemMappings>();
        builder.Services.AddSingleton<RawBody>();
        builder.Services.AddScoped<DeliveryLog>();
        builder.Services.AddScoped<WebhookReceiver>();
        builder.Services.AddWebhookAdmission();
        return builder;
    }
}
