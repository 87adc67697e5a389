namespace Reconcile.Tests.Workflow;

/// <summary>
/// One default-configured <see cref="WorkflowHost"/> (and its fake Slack) for every class of
/// <see cref="SharedWorkflowHost"/>. Each test starts with <see cref="WorkflowHost.ResetAsync"/> and posts exceptions
/// of its own (ids are new per test), so it reads only what it made. Tests keep a host of their own when they need
/// other settings (admins, a longer escalation chain, connector faults, a CRM API), an empty user-group cache (the
/// membership answer is cached per host), or a clock of their own (the SLA sweep moves it; it never goes back).
/// </summary>
public sealed class WorkflowHostFixture : IAsyncLifetime
{
    private WorkflowHost? _host;

    /// <summary>The shared host; started before the collection's first test.</summary>
    public WorkflowHost Host => _host ?? throw new InvalidOperationException("The shared workflow host is not started yet.");

    public async Task InitializeAsync() => _host = await WorkflowHost.StartAsync();

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
