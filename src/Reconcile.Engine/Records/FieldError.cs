namespace Reconcile.Engine.Records;

/// <summary>One validation error; <paramref name="Field"/> is a JSON path such as <c>lines[1].sku</c>.</summary>
public sealed record FieldError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
