namespace Reconcile.Tests.Infrastructure;

/// <summary>
/// One default-configured host shared by every class in this collection (they run one after another). A test in
/// it writes nothing, or only rows no other test here reads (its own orders, users, event ids); a test that needs
/// other settings, a clean table or its own clock takes a host of its own.
/// </summary>
[CollectionDefinition(Name)]
public sealed class DefaultHost : ICollectionFixture<ReconcileFactory>
{
    public const string Name = "default host";
}
