using Json.Pointer;
using Quartz;

namespace Reconcile.Topology;

/// <summary>Start-up checks of a <c>Connector:Pull</c> beyond its kinds and formats; each failure names its key.</summary>
internal static class ConnectorPullChecks
{
    public static void Validate(string key, ConnectorPullOptions pull, List<string> failures)
    {
        if (string.IsNullOrWhiteSpace(pull.Path))
        {
            failures.Add($"{key}:Path: required (the list of records, relative to the BaseUrl, e.g. orders.json?status=any)");
        }

        if (pull.Schedule is { } schedule && !CronExpression.TryParse(schedule, out _))
        {
            failures.Add($"{key}:Schedule: '{schedule}' is not a Quartz cron expression (e.g. 0 0/10 * * * ?)");
        }

        if (pull.Overlap < TimeSpan.Zero)
        {
            failures.Add($"{key}:Overlap: must not be negative");
        }

        if (pull.Since is { } since && string.IsNullOrWhiteSpace(since.Parameter))
        {
            failures.Add($"{key}:Since:Parameter: required (the updated-since query parameter, e.g. updated_at_min)");
        }

        Pointer($"{key}:ItemsPointer", pull.ItemsPointer, failures);
        if (pull.Paging is { } paging)
        {
            ValidatePaging($"{key}:Paging", paging, failures);
        }
    }

    private static void ValidatePaging(string key, ConnectorPagingOptions paging, List<string> failures)
    {
        if ((paging.Kind is ConnectorPagingOptions.Cursor or ConnectorPagingOptions.Page) && string.IsNullOrWhiteSpace(paging.Parameter))
        {
            failures.Add($"{key}:Parameter: required for {paging.Kind} paging (the query parameter that carries the cursor or page number)");
        }

        if (paging.Kind != ConnectorPagingOptions.Cursor)
        {
            return;
        }

        if (paging.From is null)
        {
            if (paging.NextPointer is null)
            {
                failures.Add($"{key}:NextPointer: required for Cursor paging (where the answer holds the next cursor), unless From is lastItemId");
            }

            Pointer($"{key}:NextPointer", paging.NextPointer, failures);
            return;
        }

        if (paging.From != ConnectorPagingOptions.LastItemId)
        {
            failures.Add($"{key}:From: '{paging.From}' is not a cursor source (use lastItemId, or leave it out and set NextPointer)");
            return;
        }

        if (paging.HasMorePointer is null)
        {
            failures.Add($"{key}:HasMorePointer: required with From lastItemId (where the answer says more pages follow, e.g. /has_more)");
        }

        Pointer($"{key}:HasMorePointer", paging.HasMorePointer, failures);
        Pointer($"{key}:IdPointer", paging.IdPointer, failures);
    }

    private static void Pointer(string key, string? pointer, List<string> failures)
    {
        if (pointer is not null && !JsonPointer.TryParse(pointer, out _))
        {
            failures.Add($"{key}: '{pointer}' is not a JSON Pointer (RFC 6901), e.g. /data");
        }
    }
}
