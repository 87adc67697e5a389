namespace Reconcile.Tests.Reliability;

/// <summary>The process-level tests run one at a time: each starts the service, and two cores are shared.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ServiceProcessTests
{
    public const string Name = "Reliability";
}
