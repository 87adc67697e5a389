using Reconcile.Engine.Records;

namespace Reconcile.Ingest;

/// <summary>
/// Payloads read and serialized by <see cref="RecordStore.Prepare"/> and not yet stored: the raw text, what the
/// system's mapping made of it, and the canonical JSON.
/// </summary>
public sealed class PreparedBatch
{
    internal PreparedBatch(List<ParsedPayload> parsed, IReadOnlyDictionary<string, string>? fieldMap)
    {
        Parsed = parsed;
        FieldMap = fieldMap;
    }

    /// <summary>How many payloads the batch holds.</summary>
    public int Count => Parsed.Count;

    internal List<ParsedPayload> Parsed { get; }

    internal IReadOnlyDictionary<string, string>? FieldMap { get; }
}

/// <summary>
/// One payload as read: its raw text, the parse result, the <c>externalId</c> string the payload itself holds (trimmed;
/// the key of a payload that is no record), when it was received and its canonical JSON (null when not a record).
/// </summary>
internal sealed record ParsedPayload(string Raw, RecordParseResult Result, string? SentExternalId, DateTimeOffset ReceivedAt, string? Canonical);
