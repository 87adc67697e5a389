namespace Reconcile.Slack;

public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Bot token (xoxb-…). Empty: Slack is not connected and messages are written to the log.</summary>
    public string? BotToken { get; set; }

    public string? SigningSecret { get; set; }

    /// <summary>
    /// App-level token (<c>xapp-…</c>, scope <c>connections:write</c>). Set: Reconcile also takes commands, clicks and
    /// events over Socket Mode (no public URL needed); the HTTP routes stay available.
    /// </summary>
    public string? AppToken { get; set; }

    /// <summary>Socket Mode connections kept open at once, so one can be refreshed while another serves (Slack allows up to 10).</summary>
    public int SocketModeConnections { get; set; } = 2;

    /// <summary>First wait before reconnecting after a dropped Socket Mode connection; doubles per failure up to 30 s.</summary>
    public TimeSpan SocketModeReconnectDelay { get; set; } = TimeSpan.FromSeconds(1);
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";
    public string? DigestChannel { get; set; }

    /// <summary>Quartz cron in the business timezone; default Monday 09:00.</summary>
    public string DigestSchedule { get; set; } = "0 0 9 ? * MON";

    public List<string> Admins { get; set; } = [];

    /// <summary>Above this many new exceptions for one channel in one run, post a summary and thread the rest.</summary>
    public int MaxMessagesPerRun { get; set; } = 20;

    /// <summary>Retries of one Web API call after the first attempt (429, 5xx, timeouts, transient errors).</summary>
    public int MaxRetries { get; set; } = 4;

    /// <summary>First back-off delay; doubles per attempt, with jitter. 429 answers wait Retry-After instead.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Timeout of one attempt of one Web API call.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Slack allows about one chat.postMessage per second per channel.</summary>
    public TimeSpan ChannelPostInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>An outbox row whose call failed after the pipeline's retries waits this long, doubling per attempt (at most 10 minutes).</summary>
    public TimeSpan OutboxRetryDelay { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How often the outbox dispatcher looks for due rows when nobody wakes it.</summary>
    public TimeSpan OutboxPollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Inbound request bodies above this size are refused with 413 before anything is parsed.</summary>
    public int MaxRequestBytes { get; set; } = 1024 * 1024;

    /// <summary>How long /recon status waits for the week's figures before answering without them (they follow via response_url).</summary>
    public TimeSpan StatusInlineBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The one attempt views.open gets. Slack's trigger_id expires 3 s after the click, so the budget ends
    /// before that: a retry would only meet an expired trigger.
    /// </summary>
    public TimeSpan ViewsOpenBudget { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// How long a click's handlers may hold the HTTP answer. Slack shows the user an error when an interaction
    /// is not acknowledged within 3 s; past this budget the answer goes out and the handlers finish in the background.
    /// </summary>
    public TimeSpan InteractionAckBudget { get; set; } = TimeSpan.FromSeconds(2.5);

    /// <summary>
    /// How long a deciding click (Escalate, Replay) saved in the click inbox still waits for its decision before it is
    /// acknowledged, at most <see cref="InteractionAckBudget"/>. Saved, it survives a crash, so by default it is
    /// acknowledged at once and the message changes when the decision is made; a longer wait lets the acknowledgement
    /// follow the decision when the store is quick (the tests wait, to read the decision right after the click).
    /// </summary>
    public TimeSpan ClickInboxAckWait { get; set; } = TimeSpan.Zero;

    /// <summary>/healthz calls auth.test again after this long; a revoked token found by a delivery shows at once.</summary>
    public TimeSpan AuthCheckInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long changes to owners' exceptions are gathered before open Home tabs are published again.</summary>
    public TimeSpan HomeRefreshDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// The service's public address (e.g. https://recon.example.com/), for links in messages such as the text-only
    /// fallback's link to <c>/api/exceptions/{id}</c>. Empty: the path is shown instead of a link.
    /// </summary>
    public string? PublicBaseUrl { get; set; }

    public bool IsConnected => !string.IsNullOrWhiteSpace(BotToken);
}
