namespace Reconcile.Tests.Workflow;

/// <summary>
/// The classes that click through one shared <see cref="WorkflowHostFixture"/>. xunit runs a collection's classes one
/// after another, so no two tests here share the fake Slack's recorded calls at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedWorkflowHost : ICollectionFixture<WorkflowHostFixture>
{
    public const string Name = "workflow host";
}
