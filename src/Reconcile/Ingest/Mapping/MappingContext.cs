using Reconcile.Engine.Records;

namespace Reconcile.Ingest.Mapping;

/// <summary>What one payload's mapping has learnt so far: the record's currency (for minor units) and the errors.</summary>
internal sealed class MappingContext(List<FieldError> errors)
{
    public string? Currency { get; set; }

    public void Fail(string field, string message) => errors.Add(new FieldError(field, message));

    public bool HasError(string field) => errors.Any(e => e.Field == field);
}
