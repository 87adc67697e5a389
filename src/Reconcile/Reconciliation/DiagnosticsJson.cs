using System.Text.Json;
using Reconcile.Engine.Findings;

namespace Reconcile.Reconciliation;

/// <summary>Findings' diagnostics as the camelCase JSON object stored on an exception and served by the API.</summary>
public static class DiagnosticsJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Serialize(FindingDiagnostics diagnostics) => JsonSerializer.Serialize(diagnostics, Options);
}
