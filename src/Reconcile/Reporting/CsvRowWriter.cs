using CsvHelper;

namespace Reconcile.Reporting;

/// <summary>
/// Writes export rows through CsvHelper with the rules of <see cref="Csv"/>, every field defused. Writes reach the
/// target asynchronously only (an HTTP response body refuses synchronous writes); dispose it to flush the last rows.
/// </summary>
public sealed class CsvRowWriter(TextWriter target) : IAsyncDisposable
{
    private readonly CsvWriter _csv = CsvWriter.Create(target, Csv.Options, leaveOpen: true);

    /// <summary>Writes one row ended by CRLF; a null field is written empty.</summary>
    public async Task WriteRowAsync(IEnumerable<string?> fields, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fields);
        await _csv.WriteRecordAsync([.. fields.Select(f => Csv.Defuse(f ?? ""))], cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _csv.FlushAsync(CancellationToken.None);
        await _csv.DisposeAsync();
    }
}
