using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Reconcile.Data.Entities;

namespace Reconcile.Auditing;

/// <summary>SHA-256 over a canonical serialization of an event and the hash before it.</summary>
public static class AuditHasher
{
    public const string Genesis = "0000000000000000000000000000000000000000000000000000000000000000";

    public static string Compute(AuditEventEntity audit, string prevHash)
    {
        ArgumentNullException.ThrowIfNull(audit);
        // A fixed field order and invariant formats: the same event always serializes to the same bytes.
        string?[] fields =
        [
            audit.Id.ToString(CultureInfo.InvariantCulture),
            audit.ExceptionId?.ToString(CultureInfo.InvariantCulture),
            audit.At.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
            audit.Actor,
            audit.Action,
            audit.FromState,
            audit.ToState,
            audit.Reason,
            audit.Details,
            prevHash,
        ];
        var canonical = JsonSerializer.SerializeToUtf8Bytes(fields);
        return Convert.ToHexStringLower(SHA256.HashData(canonical));
    }

    /// <summary>Millisecond precision survives every provider's timestamp column unchanged.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset at) =>
        new(at.UtcTicks - (at.UtcTicks % TimeSpan.TicksPerMillisecond), TimeSpan.Zero);

    public static string Describe(AuditEventEntity audit) =>
        string.Create(CultureInfo.InvariantCulture, $"#{audit.Id} {audit.At:u} {audit.Actor} {audit.Action}");
}
