using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Reconcile.Auditing;

public static class AuditingSetup
{
    public static IHostApplicationBuilder AddAuditing(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditChainLock>();
        services.AddSingleton<IInterceptor, AuditChainInterceptor>();
        services.AddSingleton<IInterceptor, AuditChainTransactionInterceptor>();
        services.AddScoped<AuditVerifier>();
        return builder;
    }
}
