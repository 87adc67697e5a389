using Reconcile.Engine.Findings;
using Reconcile.Engine.Records;

namespace Reconcile.Engine.Matching;

/// <summary>Compares every flow attribute of each copy against the authoritative copy.</summary>
internal static class AttributeComparer
{
    public static void Compare(OrderContext context)
    {
        var attributes = context.Flow.Attributes;
        for (var a = 0; a < attributes.Length; a++)
        {
            var attribute = attributes[a];

            // When the authoritative copy is absent (already reported), the source stands in.
            var authority = context.Current[attribute.Authority] is null ? 0 : attribute.Authority;
            var expected = context.Current[authority]!;
            for (var s = 0; s < context.Current.Length; s++)
            {
                var actual = context.Current[s];
                if (s == authority || actual is null)
                {
                    continue;
                }

                if (attribute.Kind == AttributeKind.Lines)
                {
                    LineComparer.Compare(context, authority, s);
                }
                else
                {
                    CompareScalar(context, attribute, authority, expected, s, actual);
                }
            }
        }
    }

    /// <summary>
    /// A target changed after the source, on an attribute the source owns, is a race for the flow
    /// owner to settle, not a sync bug to replay over.
    /// </summary>
    public static string MismatchType(OrderContext context, int authority, int system)
    {
        var source = context.Source!.Record!;
        return authority == 0 && system != 0 && context.Current[system]!.Record!.UpdatedAt > source.UpdatedAt
            ? FindingType.Conflict
            : FindingType.FieldMismatch;
    }

    private static void CompareScalar(
        OrderContext context, CompiledAttribute attribute, int authority, StoredRecord expected, int system,
        StoredRecord actual)
    {
        var kind = attribute.Kind;
        decimal valueAtRisk;
        if (AttributeValues.IsMoney(kind))
        {
            var want = AttributeValues.Money(expected.Record!, kind);
            var got = AttributeValues.Money(actual.Record!, kind);
            if (AttributeValues.MoneyEquals(want, got, context.Tolerance))
            {
                return;
            }

            valueAtRisk = want is not null && got is not null ? Math.Abs(want.Value - got.Value) : context.OrderTotal(actual);
        }
        else
        {
            if (string.Equals(AttributeValues.Text(expected.Record!, kind), AttributeValues.Text(actual.Record!, kind),
                    StringComparison.Ordinal))
            {
                return;
            }

            valueAtRisk = context.OrderTotal(actual);
        }

        var wantText = AttributeValues.Text(expected.Record!, kind);
        var gotText = AttributeValues.Text(actual.Record!, kind);
        var partial = AttributeValues.IsMetadata(kind) && wantText is not null && gotText is null && system != 0;
        var type = partial ? FindingType.PartialSync : MismatchType(context, authority, system);
        context.Add(Mismatch(context, type, attribute.Name, authority, expected, system, actual, wantText, gotText, valueAtRisk));
    }

    public static Finding Mismatch(
        OrderContext context, string type, string attribute, int authority, StoredRecord expected, int system,
        StoredRecord actual, string? want, string? got, decimal valueAtRisk)
    {
        var systems = context.Flow.Systems;
        var check = $"{attribute}: {systems[authority]} has {want ?? "nothing"}, {systems[system]} has {got ?? "nothing"}";
        var remediation = type switch
        {
            FindingType.PartialSync =>
                $"Replay {systems[system]} from {systems[authority]}: send the missing {attribute} ({want}).",
            FindingType.Conflict =>
                $"{systems[system]} changed {attribute} after {systems[authority]}: approve {got ?? "nothing"} " +
                $"or replay {systems[system]} from {systems[authority]} to set {want ?? "nothing"}.",
            _ => $"Replay {systems[system]} from {systems[authority]}: set {attribute} to {want ?? "nothing"}.",
        };
        return context.Factory.Create(type, system, attribute, want, got, valueAtRisk, expected, actual, check, remediation);
    }
}
