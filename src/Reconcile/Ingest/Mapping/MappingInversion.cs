using System.Text.Json.Nodes;

namespace Reconcile.Ingest.Mapping;

/// <summary>
/// A write body in the target's own shape (<see cref="Body"/>), or why one canonical field cannot be written
/// back (<see cref="Field"/> and <see cref="Reason"/>), decided before anything is sent.
/// </summary>
public sealed record MappingInversion(JsonObject? Body, string? Field, string? Reason)
{
    public bool Refused => Body is null;

    /// <summary>"promoCode: its mapping is the constant …" — what the person who clicked Replay is told.</summary>
    public string Describe() => Refused ? $"{Field} cannot be written back: {Reason}" : "";

    public static MappingInversion Refuse(string field, string reason) => new(null, field, reason);
}
