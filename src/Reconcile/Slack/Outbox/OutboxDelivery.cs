using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Slack.Api;

namespace Reconcile.Slack.Outbox;

/// <summary>
/// Delivers one outbox row: waits while the message it threads under or updates has no ts yet,
/// calls Slack, and records the outcome right after the call so an answered row is never sent again.
/// </summary>
internal sealed class OutboxDelivery(
    SlackApiClient api, SlackOutbox outbox, OutboxInstance instance, IOptions<SlackOptions> options, TimeProvider time, ILogger<OutboxDelivery> logger)
{
    /// <summary>
    /// A claimed row is left alone by other dispatchers (other replicas) for this long; a restart on the same
    /// machine takes its earlier incarnation's claims at once (<see cref="OutboxInstance"/>).
    /// </summary>
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    /// <summary>Each attempt already retried inside the pipeline; after this many, Slack has been failing for about a day.</summary>
    private const int MaxAttempts = 150;

    /// <summary>True when the row changed state (sent, failed, or rescheduled); false when it waits.</summary>
    public async Task<bool> DeliverAsync(ReconcileDbContext db, SlackOutboxEntity row, CancellationToken cancellationToken)
    {
        using var scope = logger.BeginScope(new Dictionary<string, object?> { ["OutboxId"] = row.Id, ["ExceptionId"] = row.ExceptionId });
        OutboxPayload payload;
        try
        {
            // A response_url body is sent verbatim (response_type, replace_original…); its message is for the log only.
            payload = OutboxPayload.Parse(row.Payload);
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException)
        {
            return await FailAsync(db, row, "invalid_payload: " + ex.Message, cancellationToken);
        }

        if (!options.Value.IsConnected)
        {
            var to = row.Kind == OutboxKind.ResponseUrl ? "a response_url" : row.Channel;
            logger.LogInformation("Slack not connected; would {Kind} to {Channel}:\n{Message}", row.Kind, to, payload.Message.Render());
            foreach (var exception in await ThreadedAsync(db, payload, cancellationToken))
            {
                db.SlackOutbox.Add(outbox.ExceptionPost(exception, row.Channel, row.Id, threadTs: null));
            }

            return await MarkSentAsync(db, row, cancellationToken);
        }

        var target = await OutboxTargets.ResolveAsync(db, row, payload, cancellationToken);
        if (target.Wait)
        {
            return false;
        }

        if (target.Failure is { } failure)
        {
            return await FailAsync(db, row, failure, cancellationToken);
        }

        var attemptsBefore = row.Attempts;
        if (!await ClaimAsync(db, row, cancellationToken))
        {
            return false;
        }

        try
        {
            // An earlier attempt may have reached Slack without us recording it (killed mid-call, a timeout or a
            // 5xx after Slack posted): look for its message before posting again, so a post is never doubled.
            var mark = new MessageMark(row.Id, row.CreatedAt);
            if (row.Kind == OutboxKind.Post && attemptsBefore > 0 && await EarlierPostAsync(target, mark, cancellationToken) is { } posted)
            {
                logger.LogInformation("Outbox row {OutboxId} was already in {Channel} as {SlackTs}; recorded, not posted again", row.Id, target.Channel, posted);
                await RecordSuccessAsync(db, row, payload, target, Found(target.Channel!, posted), cancellationToken);
                return true;
            }

            var response = row.Kind switch
            {
                OutboxKind.Post => await PostAsync(target, payload, mark, cancellationToken),
                OutboxKind.Update => await api.UpdateMessageAsync(target.Channel!, target.Ts!, payload.Message, cancellationToken),
                OutboxKind.Ephemeral => await api.PostEphemeralAsync(row.Channel, row.UserId ?? "", payload.Message, cancellationToken),
                OutboxKind.ResponseUrl => await api.PostToResponseUrlAsync(new Uri(row.Channel), (JsonObject)JsonNode.Parse(row.Payload)!, cancellationToken),
                OutboxKind.File => await UploadAsync(target, row, cancellationToken),
                _ => throw new SlackApiException(row.Kind, "unsupported_kind", transient: false, []),
            };
            await RecordSuccessAsync(db, row, payload, target, response, cancellationToken);
            return true;
        }
        catch (SlackApiException ex) when (ex.IsTransient && row.Attempts < MaxAttempts)
        {
            row.LastError = ex.Error;
            row.NextAttemptAt = time.GetUtcNow() + Backoff(options.Value.OutboxRetryDelay, row.Attempts);
            await db.SaveChangesAsync(CancellationToken.None);
            return true;
        }
        catch (SlackApiException ex)
        {
            var detail = ex.Details.Count == 0 ? ex.Error : $"{ex.Error}: {string.Join("; ", ex.Details)}";
            return await FailAsync(db, row, detail, cancellationToken);
        }
    }

    private async Task RecordSuccessAsync(
        ReconcileDbContext db, SlackOutboxEntity row, OutboxPayload payload, OutboxTarget target, SlackApiResponse response, CancellationToken cancellationToken)
    {
        var ts = response.Ts ?? target.Ts;
        var channel = response.Channel ?? target.Channel;
        await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
        row.Status = OutboxStatus.Sent;
        row.SentAt = time.GetUtcNow();
        row.ResultTs = ts;
        row.LastError = null;
        if (row.Kind == OutboxKind.Post && ts is not null && channel is not null)
        {
            if (row.ExceptionId is { } exceptionId && !payload.ReplyToException)
            {
                // Only the first post becomes "the" message; later ones (a reposted thread) never steal it.
                await db.Exceptions.Where(e => e.Id == exceptionId && e.SlackTs == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(e => e.SlackChannel, channel).SetProperty(e => e.SlackTs, ts), CancellationToken.None);
            }

            foreach (var exception in await ThreadedAsync(db, payload, cancellationToken))
            {
                db.SlackOutbox.Add(outbox.ExceptionPost(exception, channel, row.Id, ts));
            }
        }

        await db.SaveChangesAsync(CancellationToken.None);
        await transaction.CommitAsync(CancellationToken.None);
    }

    /// <summary>
    /// chat.postMessage with Slack:MaxRetries quick retries after a timeout or 5xx, each after looking for the
    /// message in the channel: the failed attempt may have posted it. Later retries go through the outbox.
    /// </summary>
    private async Task<SlackApiResponse> PostAsync(OutboxTarget target, OutboxPayload payload, MessageMark mark, CancellationToken cancellationToken)
    {
        for (var retry = 0; ; retry++)
        {
            try
            {
                return await api.PostMessageAsync(target.Channel!, payload.Message, target.ThreadTs, mark, cancellationToken);
            }
            catch (SlackApiException ex) when (ex.IsTransient && retry < options.Value.MaxRetries)
            {
                var delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, options.Value.RetryBaseDelay.Ticks << Math.Min(retry, 20)));
                logger.LogWarning("Slack chat.postMessage failed ({SlackError}); looking for the message before retry {Attempt} in {Delay}", ex.Error, retry + 1, delay);
                await Task.Delay(delay, cancellationToken);
                if (await EarlierPostAsync(target, mark, cancellationToken) is { } posted)
                {
                    return Found(target.Channel!, posted);
                }
            }
        }
    }

    /// <summary>The ts of the row's earlier post, or null. When the channel cannot be read at all, posting again is the lesser harm.</summary>
    private async Task<string?> EarlierPostAsync(OutboxTarget target, MessageMark mark, CancellationToken cancellationToken)
    {
        try
        {
            return await api.FindMarkedAsync(target.Channel!, target.ThreadTs, mark, cancellationToken);
        }
        catch (SlackApiException ex) when (!ex.IsTransient)
        {
            logger.LogWarning("Cannot look for an earlier post of outbox row {OutboxId} in {Channel} ({SlackError}); posting it again", mark.RowId, target.Channel, ex.Error);
            return null;
        }
    }

    private static SlackApiResponse Found(string channel, string ts) =>
        new(System.Net.HttpStatusCode.OK, true, null, [], null, System.Text.Json.JsonSerializer.SerializeToElement(new Dictionary<string, string> { ["channel"] = channel, ["ts"] = ts }));

    private Task<SlackApiResponse> UploadAsync(OutboxTarget target, SlackOutboxEntity row, CancellationToken cancellationToken)
    {
        var file = OutboxFile.Parse(row.Payload);
        return api.UploadFileAsync(target.Channel!, target.ThreadTs, file.FileName, file.Title, file.AltText, file.Content, cancellationToken);
    }

    private static async Task<List<ExceptionEntity>> ThreadedAsync(ReconcileDbContext db, OutboxPayload payload, CancellationToken cancellationToken) =>
        payload.ThreadExceptionIds is { Count: > 0 } ids
            ? await db.Exceptions.AsNoTracking().Where(e => ids.Contains(e.Id)).OrderBy(e => e.Id).ToListAsync(cancellationToken)
            : [];

    /// <summary>
    /// Bumps the attempt count only if nobody else did, leases the row while the call runs, and marks it as this
    /// process's claim until the outcome is recorded (see <see cref="OutboxInstance"/>).
    /// </summary>
    private async Task<bool> ClaimAsync(ReconcileDbContext db, SlackOutboxEntity row, CancellationToken cancellationToken)
    {
        var attempts = row.Attempts;
        var leaseUntil = time.GetUtcNow() + Lease;
        var claim = instance.Claim;
        var claimed = await db.SlackOutbox
            .Where(o => o.Id == row.Id && o.Status == OutboxStatus.Pending && o.Attempts == attempts)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.Attempts, attempts + 1).SetProperty(o => o.NextAttemptAt, leaseUntil).SetProperty(o => o.LastError, claim), cancellationToken);
        if (claimed == 1)
        {
            row.Attempts = attempts + 1;
            row.NextAttemptAt = leaseUntil;
            row.LastError = claim;

            // The database already holds these values; later changes (the outcome) must be written against them.
            var entry = db.Entry(row);
            entry.OriginalValues.SetValues(entry.CurrentValues);
        }

        return claimed == 1;
    }

    private async Task<bool> MarkSentAsync(ReconcileDbContext db, SlackOutboxEntity row, CancellationToken cancellationToken)
    {
        row.Status = OutboxStatus.Sent;
        row.SentAt = time.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private async Task<bool> FailAsync(ReconcileDbContext db, SlackOutboxEntity row, string error, CancellationToken cancellationToken)
    {
        logger.LogError("Slack outbox row {OutboxId} ({Kind} to {Channel}) failed permanently: {SlackError}", row.Id, row.Kind, row.Channel, error);
        row.Status = OutboxStatus.Failed;
        row.LastError = error.Length > 2000 ? error[..2000] : error;
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }

    private static TimeSpan Backoff(TimeSpan first, int attempts) =>
        TimeSpan.FromSeconds(Math.Min(600, first.TotalSeconds * Math.Pow(2, Math.Max(0, attempts - 1))));
}
