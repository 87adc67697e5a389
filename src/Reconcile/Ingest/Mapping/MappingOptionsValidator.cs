using Json.Pointer;
using Microsoft.Extensions.Options;
using Reconcile.Ingest.Webhooks;
using Reconcile.Topology;

namespace Reconcile.Ingest.Mapping;

/// <summary>
/// Checks every system's <c>Mapping</c>, <c>Webhook</c> and <c>CsvColumns</c> at start-up, one failure per
/// problem naming its key, so a typo stops the process instead of quarantining every payload later.
/// </summary>
internal sealed class MappingOptionsValidator : IValidateOptions<TopologyOptions>
{
    public ValidateOptionsResult Validate(string? name, TopologyOptions options)
    {
        var failures = new List<string>();
        foreach (var (systemName, system) in options.Systems)
        {
            var key = $"{TopologyOptions.SystemsSection}:{systemName}";
            if (system.Mapping.Count > 0)
            {
                MappingCompiler.Compile($"{key}:Mapping", system.Mapping, failures);
            }

            if (system.Webhook is { } webhook)
            {
                ValidateWebhook($"{key}:Webhook", webhook, system, failures);
            }

            foreach (var (header, pointer) in system.CsvColumns)
            {
                if (system.Mapping.Count == 0)
                {
                    failures.Add($"{key}:CsvColumns: only used with a Mapping; map the columns' pointers in {key}:Mapping");
                    break;
                }

                RequirePointer($"{key}:CsvColumns:{header}", pointer, failures);
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateWebhook(string key, WebhookOptions webhook, SystemOptions system, List<string> failures)
    {
        if (!WebhookSignatures.All.Contains(webhook.Signature))
        {
            failures.Add($"{key}:Signature: '{webhook.Signature}' is not a signature scheme (use {string.Join(", ", WebhookSignatures.All)})");
        }
        else if (webhook.Signature == WebhookSignatures.None && string.IsNullOrEmpty(system.IngestToken))
        {
            failures.Add($"{key}:Signature: 'none' needs the system's IngestToken, which callers must send as a bearer token");
        }
        else if (webhook.Signature != WebhookSignatures.None && string.IsNullOrEmpty(webhook.Secret))
        {
            failures.Add($"{key}:Secret: required for '{webhook.Signature}' signatures (from the environment, never committed)");
        }

        if (webhook.Signature == WebhookSignatures.HmacSha256)
        {
            if (string.IsNullOrWhiteSpace(webhook.Header))
            {
                failures.Add($"{key}:Header: required for 'hmac-sha256' — the header that carries the signature");
            }

            if (webhook.Encoding is not ("hex" or "base64"))
            {
                failures.Add($"{key}:Encoding: '{webhook.Encoding}' is not an encoding (use hex or base64)");
            }
        }

        if (webhook.Tolerance <= TimeSpan.Zero)
        {
            failures.Add($"{key}:Tolerance: must be positive, e.g. 00:05:00");
        }

        if (webhook.PublicUrl is not null && !Uri.TryCreate(webhook.PublicUrl, UriKind.Absolute, out _))
        {
            failures.Add($"{key}:PublicUrl: '{webhook.PublicUrl}' is not an absolute URL");
        }

        RequirePointer($"{key}:ItemPointer", webhook.ItemPointer, failures);
        RequirePointer($"{key}:DeliveryIdPointer", webhook.DeliveryIdPointer, failures);
    }

    private static void RequirePointer(string key, string? text, List<string> failures)
    {
        if (text is not null && (!JsonPointer.TryParse(text, out _) || !(text.Length == 0 || text.StartsWith('/'))))
        {
            failures.Add($"{key}: '{text}' is not a JSON Pointer (RFC 6901: \"\" or \"/name/0/…\")");
        }
    }
}
