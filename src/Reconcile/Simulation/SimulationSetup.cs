namespace Reconcile.Simulation;

public static class SimulationSetup
{
    public static IHostApplicationBuilder AddSimulation(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<SimulationLoader>();
        return builder;
    }
}
