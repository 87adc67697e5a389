namespace Reconcile.Data;

/// <summary>A key the database generated for an inserted row, with the row's match value (<see cref="BulkInsert"/>'s RETURNING).</summary>
public sealed class GeneratedKey
{
    public long Key { get; set; }

    public string Match { get; set; } = "";
}
