using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Reconcile.Automation;
using Reconcile.Lifecycle;
using Reconcile.Reconciliation;
using Reconcile.Slack.Api;
using Reconcile.Slack.Commands;
using Reconcile.Slack.Events;
using Reconcile.Slack.Home;
using Reconcile.Slack.Interactions;
using Reconcile.Slack.Notifications;
using Reconcile.Slack.Outbox;
using Reconcile.Slack.Signing;
using Reconcile.Slack.SocketMode;
using Reconcile.Workflow;

namespace Reconcile.Slack;

public static class SlackSetup
{
    public const string CommandsRoute = "/slack/commands";
    public const string InteractionsRoute = "/slack/interactions";
    public const string EventsRoute = "/slack/events";

    public static IHostApplicationBuilder AddSlack(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<SlackOptions>().BindConfiguration(SlackOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<SlackOptions>, SlackOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // Web API: one typed client; retries live only in SlackApiPipeline.
        services.AddSingleton<SlackApiPipeline>();
        services.AddSingleton<IChannelTurns, DatabaseChannelTurns>();
        services.AddSingleton<ChannelPostLimiter>();
        services.AddHttpClient<SlackApiClient>((sp, http) =>
        {
            var baseUrl = sp.GetRequiredService<IOptions<SlackOptions>>().Value.ApiBaseUrl;
            http.BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/");
            http.Timeout = Timeout.InfiniteTimeSpan; // the pipeline's per-attempt timeout governs
        });

        // Outbox: other features queue through SlackOutbox; the dispatcher delivers.
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<SlackOutbox>();
        services.AddSingleton<OutboxInstance>();
        services.AddScoped<OutboxDelivery>();
        services.AddScoped<OutboxRefusals>();
        services.AddScoped<OutboxRetries>();
        services.AddHostedService<OutboxDispatcher>();

        // What people hear about runs and decisions: the lower features' notifier interfaces, worded here.
        services.AddSingleton<IRunNotifier, RunNotifications>();
        services.AddScoped<IAutomationNotifier, AutomationNotifications>();
        services.AddScoped<AutomationShadowSummary>();
        services.AddScoped<IExceptionChangeNotifier, OutboxChangeNotifier>();
        services.AddScoped<ShadowSummary>();
        services.AddSingleton<WorkflowReplies>();
        services.AddSingleton<IWorkflowNotifier>(sp => sp.GetRequiredService<WorkflowReplies>());
        services.AddTransient<IUserGroups, SlackUserGroups>();

        // Slack handlers, keyed by the id Slack sends: a request resolves only the handler it names.
        // Slash commands, by command name (must match slack-app-manifest.yml).
        services.AddSlashCommand<ReconCommand>(ReconCommand.Name);

        // /recon sub-commands, in the order help lists them (status <orderId> before status <flow>: it hands flows on).
        services.AddScoped<StatusQuery>();
        services.AddScoped<ReconSubCommands>();
        services.AddReconSubCommand<OrderStatusCommand>("status");
        services.AddReconSubCommand<StatusCommand>("status");
        services.AddReconSubCommand<MineCommand>("mine");
        services.AddReconSubCommand<RunCommand>("run");
        services.AddReconSubCommand<RetryCommand>("retry");
        services.AddReconSubCommand<AutomationCommand>("automation");
        services.AddReconSubCommand<HelpCommand>("help");

        // Block actions, by action_id (ExceptionActionIds). An unknown action_id gets an ephemeral explanation.
        services.AddBlockActionHandler<ApproveButtonHandler>(ExceptionActionIds.Approve, ClickAcknowledgement.Immediate);
        services.AddBlockActionHandler<ReplayButtonHandler>(ExceptionActionIds.Replay);
        services.AddBlockActionHandler<EscalateButtonHandler>(ExceptionActionIds.Escalate);
        services.AddBlockActionHandler<DetailsButtonHandler>(ExceptionActionIds.Details, ClickAcknowledgement.Immediate);
        services.AddBlockActionHandler<BulkApproveButtonHandler>(BulkApproval.ActionId, ClickAcknowledgement.Immediate);
        services.AddBlockActionHandler<AutomationEnableButtonHandler>(AutomationActionIds.Enable);
        // Deciding clicks are saved before they are acknowledged; what a stop left undecided runs at the next start.
        services.AddSingleton<ClickInbox>();
        services.AddHostedService<ClickInboxReplay>();

        // View submissions, by callback_id: the Approve modal.
        services.AddViewSubmissionHandler<ApproveSubmissionHandler>(ApproveModal.CallbackId);
        services.AddViewSubmissionHandler<BulkApproveSubmissionHandler>(BulkApproval.CallbackId);
        services.AddSingleton<BulkApprover>();

        // Events, by type: handled after the acknowledgement (EventDispatcher), over HTTP or Socket Mode alike.
        services.AddSingleton<SeenEvents>();
        services.AddSingleton<EventDispatcher>();
        services.AddSingleton<BotIdentity>();
        services.AddEventListener<MemberJoinedChannelHandler>(MemberJoinedChannelHandler.Type);
        services.AddEventListener<AppHomeOpenedListener>(AppHomeOpenedListener.Type);

        // App Home: published when opened, and again when the viewer's owners' exceptions change.
        services.AddSingleton<HomeViewers>();
        services.AddScoped<HomePublisher>();
        services.AddSingleton<HomeRefresher>();
        services.AddHostedService(sp => sp.GetRequiredService<HomeRefresher>());

        // Socket Mode (Slack:AppToken set): the same commands, clicks and events over WebSockets; idle otherwise.
        services.AddSingleton<SocketModeDispatch>();
        services.AddHostedService<SocketModeClient>();
        return builder;
    }

    /// <summary>Every /slack/* route runs behind <see cref="SlackSignatureFilter"/>.</summary>
    public static WebApplication MapSlack(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var slack = app.MapGroup("").AddEndpointFilter<SlackSignatureFilter>().DisableAntiforgery();
        slack.MapPost(CommandsRoute, CommandEndpoint.HandleAsync);
        slack.MapPost(InteractionsRoute, InteractionEndpoint.HandleAsync);
        slack.MapPost(EventsRoute, EventEndpoint.Handle);
        return app;
    }
}
