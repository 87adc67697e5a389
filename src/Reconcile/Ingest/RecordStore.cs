using System.Data.Common;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Records;
using Reconcile.Hosting;
using Reconcile.Reporting;

namespace Reconcile.Ingest;

/// <summary>
/// Keeps the latest version per (system, order, external id) and pushes the one it replaces to history.
/// Invalid payloads are stored quarantined, never dropped; an identical resend changes nothing. From a
/// system that sends no external id, a different payload claiming the same updatedAt as the stored one is
/// not an update (neither is newer): both are kept, as a duplicate, until a newer updatedAt settles it.
/// </summary>
public sealed class RecordStore(ReconcileDbContext db, TimeProvider time, IOptions<DatabaseOptions> database, OrderLagMaintainer lags)
{
    private const int Chunk = 2_000;
    private const int MaxKeyLength = 128;
    private const int ParallelFrom = 256;
    private const string BatchSavepoint = "record_batch";

    /// <summary>Set by a <see cref="BulkLoad"/> for its batches: the orders it stored, which alone need looking up.</summary>
    internal LoadedOrders? Loaded { get; set; }

    /// <summary>
    /// Stores payloads received now. <paramref name="correction"/>: Reconcile itself writes the authoritative
    /// values back (a replay), which replaces the copy even at the same updatedAt instead of adding a duplicate.
    /// </summary>
    public Task<IngestResult> StoreAsync(string system, IReadOnlyList<JsonElement> payloads, IReadOnlyDictionary<string, string>? fieldMap, CancellationToken cancellationToken, bool correction = false)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        var now = time.GetUtcNow();
        return StoreAsync(system, [.. payloads.Select(p => (p, now))], fieldMap, null, correction, cancellationToken);
    }

    /// <summary>
    /// Stores payloads received now; those in <paramref name="refused"/> (payload index → field errors found
    /// in the body's text, see <see cref="JsonTextCheck"/>) are quarantined with those errors whatever they hold.
    /// </summary>
    public Task<IngestResult> StoreAsync(
        string system, IReadOnlyList<JsonElement> payloads, IReadOnlyDictionary<string, string>? fieldMap,
        IReadOnlyDictionary<int, IReadOnlyList<FieldError>>? refused, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        var now = time.GetUtcNow();
        return StoreAsync(system, [.. payloads.Select(p => (p, now))], fieldMap, refused, false, cancellationToken);
    }

    /// <summary>Stores payloads with the time each was received (imports and the simulator know it).</summary>
    public Task<IngestResult> StoreAsync(string system, IReadOnlyList<(JsonElement Payload, DateTimeOffset ReceivedAt)> payloads, IReadOnlyDictionary<string, string>? fieldMap, CancellationToken cancellationToken) =>
        StoreAsync(system, payloads, fieldMap, null, false, cancellationToken);

    /// <summary>
    /// Stores payloads read by <paramref name="parse"/> (a system's mapping reads its own shape); the payload as
    /// sent is kept raw, the record it became is kept canonical.
    /// </summary>
    public Task<IngestResult> StoreAsync(string system, IReadOnlyList<(JsonElement Payload, DateTimeOffset ReceivedAt)> payloads, Func<JsonElement, RecordParseResult> parse, CancellationToken cancellationToken) =>
        StoreAsync(system, payloads, parse, null, null, false, cancellationToken);

    /// <summary>
    /// As <see cref="StoreAsync(string, IReadOnlyList{ValueTuple{JsonElement, DateTimeOffset}}, Func{JsonElement, RecordParseResult}, CancellationToken)"/>,
    /// calling <paramref name="counted"/> with the result before the records are saved, so what it changes in the
    /// context (a webhook's delivery row and its counts) is saved in the same transaction.
    /// </summary>
    public Task<IngestResult> StoreAsync(
        string system, IReadOnlyList<(JsonElement Payload, DateTimeOffset ReceivedAt)> payloads, Func<JsonElement, RecordParseResult> parse,
        Action<IngestResult> counted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        return StoreParsedAsync(system, Parse(payloads, parse), null, null, false, cancellationToken, counted);
    }

    private Task<IngestResult> StoreAsync(
        string system, IReadOnlyList<(JsonElement Payload, DateTimeOffset ReceivedAt)> payloads, IReadOnlyDictionary<string, string>? fieldMap,
        IReadOnlyDictionary<int, IReadOnlyList<FieldError>>? refused, bool correction, CancellationToken cancellationToken) =>
        StoreAsync(system, payloads, p => RecordParser.Parse(p, fieldMap), fieldMap, refused, correction, cancellationToken);

    /// <summary>
    /// Reads and serializes payloads given as JSON text (the simulator's) ahead of storing them, so a bulk load prepares
    /// its next batch while this one is written (<see cref="StoreAsync(string, PreparedBatch, CancellationToken)"/>). Each
    /// text is parsed and let go at once, and is itself the raw payload kept, so the batch holds no documents and no second
    /// copy of the text. On the calling thread only: the writer is the slower side, and spread over both cores preparing
    /// took the writer's core.
    /// </summary>
    /// <exception cref="JsonException">A text is not JSON.</exception>
    public static PreparedBatch Prepare(IReadOnlyList<(string Json, DateTimeOffset ReceivedAt)> payloads, IReadOnlyDictionary<string, string>? fieldMap)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        return new PreparedBatch([.. payloads.Select(p => ParseText(p.Json, p.ReceivedAt, fieldMap))], fieldMap);
    }

    /// <summary>Stores a batch <see cref="Prepare"/> read, exactly as the other overloads store what they read.</summary>
    public Task<IngestResult> StoreAsync(string system, PreparedBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        return StoreParsedAsync(system, batch.Parsed, batch.FieldMap, null, false, cancellationToken);
    }

    private Task<IngestResult> StoreAsync(
        string system, IReadOnlyList<(JsonElement Payload, DateTimeOffset ReceivedAt)> payloads, Func<JsonElement, RecordParseResult> parse,
        IReadOnlyDictionary<string, string>? fieldMap, IReadOnlyDictionary<int, IReadOnlyList<FieldError>>? refused, bool correction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payloads);
        return StoreParsedAsync(system, Parse(payloads, parse), fieldMap, refused, correction, cancellationToken);
    }

    private async Task<IngestResult> StoreParsedAsync(
        string system, List<ParsedPayload> parsed, IReadOnlyDictionary<string, string>? fieldMap,
        IReadOnlyDictionary<int, IReadOnlyList<FieldError>>? refused, bool correction, CancellationToken cancellationToken,
        Action<IngestResult>? counted = null)
    {
        using var activity = ReconcileTracing.Source.StartActivity(ReconcileTracing.Ingest);
        activity?.SetTag(ReconcileTracing.System, system);
        // Inside a caller's transaction (a bulk load's, several batches long) the batch is a savepoint: a failed attempt
        // takes back only what it wrote, so a retry or the caller's commit never keeps half a batch.
        var outer = db.Database.CurrentTransaction;
        for (var attempt = 1; ; attempt++)
        {
            if (outer is not null)
            {
                // Never cancelled half-way: a savepoint call that fails ends the transaction's hold on the write gate.
                await outer.CreateSavepointAsync(BatchSavepoint, CancellationToken.None);
            }

            try
            {
                var result = await StoreOnceAsync(system, parsed, fieldMap, refused, correction, counted, cancellationToken);
                if (outer is not null)
                {
                    await outer.ReleaseSavepointAsync(BatchSavepoint, CancellationToken.None);
                }

                activity?.SetTag(ReconcileTracing.RecordsAccepted, result.Accepted);
                activity?.SetTag(ReconcileTracing.RecordsQuarantined, result.Quarantined);
                return result;
            }
            catch (Exception failure) when (outer is not null || failure is DbUpdateException)
            {
                // A transaction already lost (SQLite rolls it back on a full disk) has no savepoint left: its error is the one raised.
                if (outer is not null && !await TakeBackAsync(outer))
                {
                    throw;
                }

                // Another request stored the same new order first (a webhook retry racing its original): read again and merge.
                db.ChangeTracker.Clear();
                if (failure is not DbUpdateException || attempt >= 3)
                {
                    throw;
                }
            }
        }
    }

    /// <summary>Rolls the caller's transaction back to the attempt's savepoint; false when that is no longer possible.</summary>
    private static async Task<bool> TakeBackAsync(IDbContextTransaction outer)
    {
        try
        {
            await outer.RollbackToSavepointAsync(BatchSavepoint, CancellationToken.None);
            return true;
        }
        catch (DbException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    // Reading and serializing a payload is pure work: a large batch spreads it over the cores, in order.
    private static List<ParsedPayload> Parse(IReadOnlyList<(JsonElement Payload, DateTimeOffset ReceivedAt)> payloads, Func<JsonElement, RecordParseResult> parse) =>
        (payloads.Count >= ParallelFrom ? payloads.AsParallel().AsOrdered() : payloads.AsEnumerable())
            .Select(p => Parse(p.Payload, p.ReceivedAt, parse)).ToList();

    private async Task<IngestResult> StoreOnceAsync(
        string system, List<ParsedPayload> parsed, IReadOnlyDictionary<string, string>? fieldMap,
        IReadOnlyDictionary<int, IReadOnlyList<FieldError>>? refused, bool correction, Action<IngestResult>? counted, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var orderIds = parsed.Select(p => p.Result.OrderId ?? "").Distinct().ToList();
        var lookUp = Loaded is { } loaded ? await loaded.ToLookUpAsync(db, system, orderIds, cancellationToken) : orderIds;
        var existing = await LoadExistingAsync(system, lookUp, cancellationToken);

        var errors = new List<IngestError>();
        var accepted = 0;
        var quarantined = 0;
        var changed = new List<RecordEntity>();
        // New records and history rows go in by the thousand (BulkInsert); changed records are updated through the tracker.
        var inserts = new List<RecordEntity>();
        var history = new List<RecordHistoryEntity>();
        for (var index = 0; index < parsed.Count; index++)
        {
            var (raw, result, sentExternalId, receivedAt, serialized) = parsed[index];
            if (refused is not null && refused.TryGetValue(index, out var refusals))
            {
                result = Refuse(result, refusals, fieldMap);
            }

            var orderId = result.OrderId ?? "";
            var externalId = result.Record?.ExternalId ?? sentExternalId ?? "";
            if (orderId.Length > MaxKeyLength || externalId.Length > MaxKeyLength)
            {
                var field = orderId.Length > MaxKeyLength ? "orderId" : "externalId";
                result = result with { Record = null, Errors = [.. result.Errors, new FieldError(field, $"longer than {MaxKeyLength} characters")] };
                orderId = orderId.Length > MaxKeyLength ? "" : orderId;
                externalId = "";
            }

            // A record is only ever dropped (refused, key too long), never replaced: what was serialized still holds.
            var canonical = result.Record is null ? null : serialized;
            if (result.IsValid)
            {
                accepted++;
            }
            else
            {
                quarantined++;
                errors.AddRange(result.Errors.Select(e => IngestError.Of(index, result.OrderId, e)));
                if (orderId.Length == 0)
                {
                    // Unreadable order id: still stored, under an id of its own, so nothing is dropped.
                    externalId = $"unidentified-{Guid.NewGuid():N}";
                }
            }

            var key = (orderId, externalId);
            if (existing.TryGetValue(key, out var copies))
            {
                var current = copies[0];
                if (copies.Any(c => c.RawPayload == raw && c.Payload == canonical))
                {
                    continue;
                }

                if (result.Record is { } late && !current.Quarantined && current.OrderUpdatedAt > late.UpdatedAt.ToUniversalTime())
                {
                    // An older version arriving late (webhooks reorder) is history, not the latest copy.
                    history.Add(new RecordHistoryEntity
                    {
                        System = system, OrderId = orderId, ExternalId = externalId, Payload = canonical, RawPayload = raw,
                        ReceivedAt = receivedAt, Version = current.Version, SupersededAt = now,
                    });
                    continue;
                }

                if (IsDuplicate(copies, result.Record, canonical, externalId, correction))
                {
                    if (copies.All(c => c.Payload != canonical))
                    {
                        var copy = New(inserts, system, orderId, externalId, raw, copies.Max(c => c.Copy) + 1);
                        copies.Add(copy);
                        Apply(copy, raw, canonical, receivedAt, result);
                    }

                    continue;
                }

                history.Add(ToHistory(current, now));
                current.Version++;
                SettleDuplicates(copies, inserts, history, now);
                Apply(current, raw, canonical, receivedAt, result);
                changed.Add(current);
            }
            else
            {
                var current = New(inserts, system, orderId, externalId, raw, copy: 0);
                existing[key] = [current];
                Apply(current, raw, canonical, receivedAt, result);
                changed.Add(current);
            }
        }

        var stored = new IngestResult(accepted, quarantined, errors);
        counted?.Invoke(stored);
        await using (var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null)
        {
            using (lags.Defer(db))
            {
                await db.SaveChangesAsync(cancellationToken);
            }

            await BulkInsert.InsertAsync(db, inserts, matchBy: null, cancellationToken);
            await BulkInsert.InsertAsync(db, history, matchBy: null, cancellationToken);
            await PruneHistoryAsync(system, changed, cancellationToken);
            // The figures' lag rows of the orders whose copies changed, once for the batch (settled duplicates belong to a changed order).
            await lags.RefreshAsync(db, system, [.. changed.Concat(inserts).Select(r => r.OrderId).Distinct(StringComparer.Ordinal)], cancellationToken);
            if (transaction is not null)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }

        return stored;
    }

    private static ParsedPayload Parse(JsonElement payload, DateTimeOffset receivedAt, Func<JsonElement, RecordParseResult> parse) =>
        Parse(payload, payload.GetRawText(), receivedAt, parse, mayBeRefused: true);

    private static ParsedPayload ParseText(string json, DateTimeOffset receivedAt, IReadOnlyDictionary<string, string>? fieldMap)
    {
        using var document = JsonDocument.Parse(json);
        var payload = document.RootElement;
        // The raw text of a document is the text without the whitespace around it.
        var raw = json.Length > 0 && !IsJsonWhitespace(json[0]) && !IsJsonWhitespace(json[^1]) ? json : payload.GetRawText();
        return Parse(payload, raw, receivedAt, p => RecordParser.Parse(p, fieldMap), mayBeRefused: false);
    }

    private static bool IsJsonWhitespace(char c) => c is ' ' or '\t' or '\r' or '\n';

    /// <summary>
    /// Reads one payload. The <c>externalId</c> it sends is read where the record's own may not serve as its key: no record,
    /// a record without one, or a payload the caller may still refuse (<paramref name="mayBeRefused"/>), whose record is then dropped.
    /// </summary>
    private static ParsedPayload Parse(JsonElement payload, string raw, DateTimeOffset receivedAt, Func<JsonElement, RecordParseResult> parse, bool mayBeRefused)
    {
        var result = parse(payload);
        // A payload sent in the canonical shape is usually its canonical JSON already: one string then serves as both.
        var canonical = result.Record is null ? null : CanonicalJson.Serialize(result.Record, likely: raw);

        var sentExternalId = mayBeRefused || result.Record?.ExternalId is null ? ReadExternalId(payload)?.Trim() : null;
        return new ParsedPayload(raw, result, sentExternalId, receivedAt, canonical);
    }

    /// <summary>
    /// A valid payload without an external id that claims the stored record's updatedAt with different content:
    /// two versions of which neither is newer. A replay written by Reconcile is a correction, never a duplicate.
    /// </summary>
    private static bool IsDuplicate(List<RecordEntity> copies, OrderRecord? record, string? canonical, string externalId, bool correction) =>
        !correction && externalId.Length == 0 && record is not null && copies[0] is { Quarantined: false } current
        && current.OrderUpdatedAt == record.UpdatedAt.ToUniversalTime() && current.Payload != canonical;

    /// <summary>A newer version settles a duplicate: the extra copies go to history and the record is one again.</summary>
    private void SettleDuplicates(List<RecordEntity> copies, List<RecordEntity> inserts, List<RecordHistoryEntity> history, DateTimeOffset now)
    {
        foreach (var extra in copies.Skip(1))
        {
            history.Add(ToHistory(extra, now));
            // A copy from this same batch was never stored: it is simply not inserted.
            if (!inserts.Remove(extra))
            {
                db.Records.Remove(extra);
            }
        }

        copies.RemoveRange(1, copies.Count - 1);
    }

    private static RecordEntity New(List<RecordEntity> inserts, string system, string orderId, string externalId, string raw, int copy)
    {
        var entity = new RecordEntity { System = system, OrderId = orderId, ExternalId = externalId, RawPayload = raw, Copy = copy };
        inserts.Add(entity);
        return entity;
    }

    private static void Apply(RecordEntity entity, string raw, string? canonical, DateTimeOffset receivedAt, RecordParseResult result)
    {
        entity.RawPayload = raw;
        entity.Payload = canonical;
        entity.ReceivedAt = receivedAt;
        entity.OrderUpdatedAt = result.Record?.UpdatedAt.ToUniversalTime();
        entity.Quarantined = !result.IsValid;
        entity.QuarantineReason = result.IsValid ? null : string.Join("; ", result.Errors.Select(e => $"{e.Field}: {e.Message}"));
        RecordColumns.Write(entity, result.IsValid ? result.Record : null);
    }

    /// <summary>
    /// (order id, external id) → the stored record first, then any duplicate copies. The ids go as one collection
    /// parameter (SQLite's json_each, PostgreSQL's array): thousands of named parameters cost SQLite a scan each.
    /// </summary>
    private async Task<Dictionary<(string, string), List<RecordEntity>>> LoadExistingAsync(string system, List<string> orderIds, CancellationToken cancellationToken)
    {
        var found = new Dictionary<(string, string), List<RecordEntity>>();
        foreach (var chunk in orderIds.Chunk(Chunk))
        {
            var rows = await db.Records.Where(r => r.System == system && EF.Parameter(chunk).Contains(r.OrderId)).OrderBy(r => r.Copy).ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                if (!found.TryGetValue((row.OrderId, row.ExternalId), out var copies))
                {
                    copies = [];
                    found[(row.OrderId, row.ExternalId)] = copies;
                }

                copies.Add(row);
            }
        }

        return found;
    }

    private async Task PruneHistoryAsync(string system, List<RecordEntity> changed, CancellationToken cancellationToken)
    {
        var depth = database.Value.HistoryDepth;
        foreach (var record in changed.Where(r => r.Version > depth + 1))
        {
            var cutoff = record.Version - depth;
            await db.RecordHistory
                .Where(h => h.System == system && h.OrderId == record.OrderId && h.ExternalId == record.ExternalId && h.Version < cutoff)
                .ExecuteDeleteAsync(cancellationToken);
        }
    }

    private static RecordHistoryEntity ToHistory(RecordEntity current, DateTimeOffset now) => new()
    {
        System = current.System,
        OrderId = current.OrderId,
        ExternalId = current.ExternalId,
        Payload = current.Payload,
        RawPayload = current.RawPayload,
        ReceivedAt = current.ReceivedAt,
        Quarantined = current.Quarantined,
        Version = current.Version,
        SupersededAt = now,
    };

    /// <summary>Refusals from the body's text replace the parser's word on the same field; a refused order id is no key.</summary>
    private static RecordParseResult Refuse(RecordParseResult result, IReadOnlyList<FieldError> refusals, IReadOnlyDictionary<string, string>? fieldMap)
    {
        var fields = refusals.Select(r => r.Field).ToHashSet(StringComparer.Ordinal);
        var idRefused = refusals.Any(r => (fieldMap?.GetValueOrDefault(r.Field) ?? r.Field) is "orderId" or "$");
        return new RecordParseResult(null, [.. refusals, .. result.Errors.Where(e => !fields.Contains(e.Field))], idRefused ? null : result.OrderId);
    }

    private static string? ReadExternalId(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("externalId", out var id) && id.ValueKind == JsonValueKind.String
            ? id.GetString()
            : null;
}
