namespace Reconcile.Lifecycle;

public static class LifecycleSetup
{
    /// <summary>The exception state machine. Its <see cref="IExceptionChangeNotifier"/> is registered by the edge that words the changes (SlackSetup).</summary>
    public static IHostApplicationBuilder AddLifecycle(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddScoped<ExceptionTransitions>();
        return builder;
    }
}
