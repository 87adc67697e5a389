using Microsoft.Extensions.Options;
using Quartz;

namespace Reconcile.Slack;

internal sealed class SlackOptionsValidator : IValidateOptions<SlackOptions>
{
    public ValidateOptionsResult Validate(string? name, SlackOptions options)
    {
        var failures = new List<string>();
        if (options.IsConnected && string.IsNullOrWhiteSpace(options.SigningSecret))
        {
            failures.Add("Slack:SigningSecret: required when Slack:BotToken is set");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Slack:ApiBaseUrl: '{options.ApiBaseUrl}' is not an absolute http(s) URL");
        }

        if (!CronExpression.TryParse(options.DigestSchedule, out _))
        {
            failures.Add($"Slack:DigestSchedule: '{options.DigestSchedule}' is not a valid Quartz cron expression");
        }

        if (options.MaxMessagesPerRun < 1)
        {
            failures.Add("Slack:MaxMessagesPerRun: must be at least 1");
        }

        if (options.MaxRetries is < 0 or > 10)
        {
            failures.Add("Slack:MaxRetries: must be between 0 and 10");
        }

        if (options.RetryBaseDelay < TimeSpan.Zero || options.ChannelPostInterval < TimeSpan.Zero)
        {
            failures.Add("Slack:RetryBaseDelay and Slack:ChannelPostInterval: must not be negative");
        }

        if (options.RequestTimeout <= TimeSpan.Zero || options.OutboxPollInterval <= TimeSpan.Zero || options.OutboxRetryDelay <= TimeSpan.Zero)
        {
            failures.Add("Slack:RequestTimeout, Slack:OutboxPollInterval and Slack:OutboxRetryDelay: must be positive");
        }

        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl)
            && (!Uri.TryCreate(options.PublicBaseUrl, UriKind.Absolute, out var site) || (site.Scheme != Uri.UriSchemeHttps && site.Scheme != Uri.UriSchemeHttp)))
        {
            failures.Add($"Slack:PublicBaseUrl: '{options.PublicBaseUrl}' is not an absolute http(s) URL");
        }

        if (!string.IsNullOrWhiteSpace(options.AppToken))
        {
            if (!options.AppToken.StartsWith("xapp-", StringComparison.Ordinal))
            {
                failures.Add("Slack:AppToken: must be an app-level token (xapp-…), not a bot or user token");
            }

            if (!options.IsConnected)
            {
                failures.Add("Slack:AppToken: Socket Mode also needs Slack:BotToken (the Web API still answers with the bot token)");
            }

            if (options.SocketModeConnections is < 1 or > 10)
            {
                failures.Add("Slack:SocketModeConnections: must be between 1 and 10");
            }

            if (options.SocketModeReconnectDelay <= TimeSpan.Zero)
            {
                failures.Add("Slack:SocketModeReconnectDelay: must be positive");
            }
        }

        if (options.MaxRequestBytes < 1024)
        {
            failures.Add("Slack:MaxRequestBytes: must be at least 1024");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
