using System.Text.Json;
using Microsoft.Extensions.Options;
using Reconcile.Ingest.Webhooks;
using Reconcile.Reconciliation.Connectors;
using Reconcile.Reconciliation.Connectors.Http;
using Reconcile.Topology;

namespace Reconcile.Ingest.Pull;

/// <summary>
/// Reads a system's changed records page by page through <see cref="ConnectorHttpClient"/> (its retries, breaker and
/// timeout) and stores each page before asking for the next, so a failure keeps what was read. Bounded by
/// <c>Pull:MaxPages</c>, and by a loop guard: a next page that repeats an earlier request stops the pull with an error.
/// </summary>
public sealed class PullReader(ConnectorHttpClient http, IServiceScopeFactory scopes, IOptionsMonitor<TopologyOptions> topology)
{
    /// <summary>
    /// Reads every page of changes since <paramref name="watermark"/> (less the overlap); <paramref name="stored"/> is told
    /// each page's counts once it is stored. Never throws for the system's failures (they are the outcome's error); throws
    /// on cancellation and when the database fails.
    /// </summary>
    public async Task<PullOutcome> ReadAsync(string system, DateTimeOffset? watermark, Func<PageCounts, Task> stored, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var connector = topology.CurrentValue.Systems[system].Connector!;
        var pull = connector.Pull!;
        var baseUrl = new Uri(connector.BaseUrl!, UriKind.Absolute);
        var changes = PullRequests.Changes(pull, watermark);
        var request = PullPaging.First(pull.Paging, changes);
        var asked = new HashSet<string>(StringComparer.Ordinal) { new Uri(baseUrl, request).AbsoluteUri };
        DateTimeOffset? newest = null;
        for (var page = 1; ; page++)
        {
            ConnectorHttpResponse response;
            try
            {
                response = await http.SendAsync(system, HttpMethod.Get, request, cancellationToken: cancellationToken);
            }
            catch (ConnectorException e)
            {
                return PullOutcome.Failed($"page {page}: {e.Message}");
            }

            if (!response.IsSuccess)
            {
                return PullOutcome.Failed($"page {page}: {system} answered {response.Describe()}");
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(response.Body);
            }
            catch (JsonException e)
            {
                return PullOutcome.Failed($"page {page}: the answer is not JSON ({e.Message})");
            }

            using (document)
            {
                var (items, unreadable) = WebhookItems.Find(document.RootElement, pull.ItemsPointer.Length == 0 ? null : pull.ItemsPointer);
                if (unreadable is not null)
                {
                    return PullOutcome.Failed($"page {page}: Pull:ItemsPointer {pull.ItemsPointer} found nothing in the answer");
                }

                var counts = await StoreAsync(system, items, cancellationToken);
                newest = counts.Newest is { } found && (newest is null || found > newest) ? found : newest;
                await stored(counts);

                var headers = response.Headers.TryGetValues("Link", out var links) ? links : [];
                var step = PullPaging.Next(pull.Paging, changes, headers, document.RootElement, items, page);
                if (step.Error is not null)
                {
                    return PullOutcome.Failed(step.Error);
                }

                if (step.Next is null)
                {
                    return new PullOutcome(true, newest, null);
                }

                if (page >= pull.MaxPages)
                {
                    return PullOutcome.Failed($"stopped after Pull:MaxPages ({pull.MaxPages}) pages with more to read; the watermark was not moved (raise MaxPages)");
                }

                // A Link target is relative to the page it came from (RFC 8288 §3.1); a cursor's request to the BaseUrl.
                var context = pull.Paging?.Kind == ConnectorPagingOptions.Link ? new Uri(baseUrl, request) : baseUrl;
                var next = new Uri(context, step.Next);
                if (!asked.Add(next.AbsoluteUri))
                {
                    return PullOutcome.Failed($"page {page} points back to a page already read ({next.PathAndQuery}): the cursor repeats, so the pull stopped instead of looping");
                }

                request = next.AbsoluteUri;
            }
        }
    }

    private async Task<PageCounts> StoreAsync(string system, IReadOnlyList<JsonElement> items, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<PulledPages>().StoreAsync(system, items, cancellationToken);
    }
}
