namespace Reconcile.Engine.Findings;

/// <summary>The finding types, as their wire names.</summary>
public static class FindingType
{
    public const string MissingInTarget = "missing_in_target";
    public const string OrphanInTarget = "orphan_in_target";
    public const string FieldMismatch = "field_mismatch";
    public const string PartialSync = "partial_sync";
    public const string SchemaDrift = "schema_drift";
    public const string ReferentialIntegrity = "referential_integrity";
    public const string BusinessRule = "business_rule";
    public const string Duplicate = "duplicate";
    public const string Conflict = "conflict";
    public const string StaleSource = "stale_source";

    public static IReadOnlyList<string> All { get; } =
    [
        MissingInTarget, OrphanInTarget, FieldMismatch, PartialSync, SchemaDrift,
        ReferentialIntegrity, BusinessRule, Duplicate, Conflict, StaleSource,
    ];

    /// <summary>Types that route to the flow owner rather than to the system at fault.</summary>
    public static bool RoutesToFlowOwner(string type) => type is BusinessRule or Conflict;
}
