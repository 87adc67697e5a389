namespace Reconcile.Slack;

public sealed class SlackOptions
{
    public const string Section = "Slack";

    /// <summary>Bot token (xoxb-…). Empty: Slack is not connected and messages are written to the log.</summary>
    public string? BotToken { get; set; }

    public string? SigningSecret { get; set; }
    public string ApiBaseUrl { get; set; } = "https://slack.com/api/";
    public string? DigestChannel { get; set; }

    /// <summary>Quartz cron in the business timezone; default Monday 09:00.</summary>
    public string DigestSchedule { get; set; } = "0 0 9 ? * MON";

    public List<string> Admins { get; set; } = [];

    /// <summary>Above this many new exceptions for one channel in one run, post a summary and thread the rest.</summary>
    public int MaxMessagesPerRun { get; set; } = 20;

    public bool IsConnected => !string.IsNullOrWhiteSpace(BotToken);
}
