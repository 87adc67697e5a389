using System.Net;
using System.Text.Json;

namespace Reconcile.Slack.Api;

/// <summary>
/// One Web API answer. Slack answers 200 with <c>ok:false</c> for most failures, so <see cref="Ok"/>,
/// not the status code, says whether the call worked; any other non-200 is a transport failure.
/// </summary>
public sealed record SlackApiResponse(HttpStatusCode StatusCode, bool Ok, string? Error, IReadOnlyList<string> Messages, TimeSpan? RetryAfter, JsonElement Body)
{
    public string? Ts => Property("ts");
    public string? Channel => Property("channel");

    /// <summary>Slack's <c>warning</c> and <c>response_metadata.warnings</c> on an ok answer (e.g. <c>missing_charset</c>).</summary>
    public IReadOnlyList<string> Warnings
    {
        get
        {
            var warnings = new List<string>();
            if (Property("warning") is { } warning)
            {
                warnings.AddRange(warning.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }

            if (Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("response_metadata", out var metadata)
                && metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("warnings", out var list) && list.ValueKind == JsonValueKind.Array)
            {
                warnings.AddRange(list.EnumerateArray().Where(w => w.ValueKind == JsonValueKind.String).Select(w => w.GetString()!));
            }

            return warnings.Distinct(StringComparer.Ordinal).ToList();
        }
    }

    public string? Property(string name) =>
        Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    internal static async Task<SlackApiResponse> ReadAsync(HttpResponseMessage response, bool expectJson, CancellationToken cancellationToken)
    {
        // Slack sends Retry-After in seconds; the HTTP-date form is not used by the Web API.
        var retryAfter = response.Headers.RetryAfter?.Delta;
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var body = default(JsonElement);
        if (expectJson && !string.IsNullOrWhiteSpace(text))
        {
            try
            {
                using var document = JsonDocument.Parse(text);
                body = document.RootElement.Clone();
            }
            catch (JsonException)
            {
                body = default;
            }
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            var error = response.StatusCode == HttpStatusCode.TooManyRequests ? "ratelimited" : $"http_{(int)response.StatusCode}";
            return new SlackApiResponse(response.StatusCode, false, error, [], retryAfter, body);
        }

        if (!expectJson)
        {
            return new SlackApiResponse(response.StatusCode, true, null, [], null, body);
        }

        var ok = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("ok", out var okValue) && okValue.ValueKind == JsonValueKind.True;
        var code = body.ValueKind == JsonValueKind.Object && body.TryGetProperty("error", out var e) && e.ValueKind == JsonValueKind.String ? e.GetString() : null;
        return new SlackApiResponse(response.StatusCode, ok, ok ? null : code ?? "invalid_response", MetadataMessages(body), null, body);
    }

    private static List<string> MetadataMessages(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object
            || !body.TryGetProperty("response_metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object
            || !metadata.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return messages.EnumerateArray().Where(m => m.ValueKind == JsonValueKind.String).Select(m => m.GetString()!).ToList();
    }
}
