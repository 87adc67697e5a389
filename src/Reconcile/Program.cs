using Reconcile.Api;
using Reconcile.Auditing;
using Reconcile.Automation;
using Reconcile.Data;
using Reconcile.Hosting;
using Reconcile.Hosting.CommandLine;
using Reconcile.Ingest;
using Reconcile.Ingest.Pull;
using Reconcile.Ingest.Webhooks;
using Reconcile.Lifecycle;
using Reconcile.Reconciliation;
using Reconcile.Reporting;
using Reconcile.Scheduling;
using Reconcile.Simulation;
using Reconcile.Slack;
using Reconcile.Topology;
using Reconcile.Workflow;

var builder = WebApplication.CreateBuilder(CommandLineSetup.HostOptions(args));

builder.ReserveThreadsForRequests();
builder.AddReconcileConfiguration();
builder.ConfigureForVerb(args);
builder.AddReconcileLogging(commandLineVerb: CommandLineSetup.IsVerb(args));
builder.AddData();
builder.AddAuditing();
builder.AddTopology();
builder.AddLifecycle();
builder.AddApi();
builder.AddIngest();
builder.AddWebhooks();
builder.AddPulls();
builder.AddReconciliation();
builder.AddSlack();
builder.AddWorkflow();
builder.AddAutomation();
builder.AddReporting();
builder.AddSimulation();
builder.AddScheduling();
builder.AddHealth();
builder.AddTelemetry();

var app = builder.Build();
app.UseReconcileRequestLogging();
app.UseApi();
app.UseRateLimiter(); // the webhook admission (WebhookAdmission), by endpoint
app.MapHealth();
app.MapIngest();
app.MapWebhooks();
app.MapPulls();
app.MapRuns();
app.MapExceptions();
app.MapSlack();
app.MapReporting();

return await app.RunCommandLineAsync(args);

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
