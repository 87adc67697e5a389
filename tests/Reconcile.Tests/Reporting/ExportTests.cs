using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Data.Entities;
using Reconcile.Engine.Exceptions;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Reporting;

/// <summary>The finance exports over HTTP and the command line: parsed back, they hold exactly the database rows.</summary>
public sealed class ExportTests(FiguresHost host) : IClassFixture<FiguresHost>
{
    private readonly FiguresHost _factory = host;

    [Fact]
    public async Task Exceptions_csv_round_trips_every_exception_raised_or_resolved_in_the_period()
    {
        using var client = _factory.CreateClient();
        var seeded = await _factory.EnsureSeededAsync();

        var response = await client.GetWithTokenAsync("/api/exports/exceptions.csv?from=2026-11-16&to=2026-11-23");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = CsvReader.Parse(await response.Content.ReadAsStringAsync());
        var header = rows[0];
        Assert.Equal(["id", "flow", "orderId", "type"], header[..4]);
        var parsed = rows.Skip(1).Select(r => header.Zip(r).ToDictionary(p => p.First, p => p.Second)).ToList();
        // Raised in the week: E1 E2 E3 E4 E5 E8 E9; resolved in it though raised before: E6. Not E7 (open, raised before) nor E10.
        var expectedIds = new[] { "E1", "E2", "E3", "E4", "E6", "E8", "E9", "E5" }.Select(k => seeded[k].Id).Order();
        Assert.Equal(expectedIds, parsed.Select(r => long.Parse(r["id"], CultureInfo.InvariantCulture)));

        var database = await QueryAsync(db => db.Exceptions.AsNoTracking().ToDictionaryAsync(e => e.Id));
        foreach (var row in parsed)
        {
            var e = database[long.Parse(row["id"], CultureInfo.InvariantCulture)];
            Assert.Equal((e.Flow, e.OrderId, e.Type, e.State.ToWireName(), e.Resolution?.ToWireName() ?? "", e.Owner), (row["flow"], row["orderId"], row["type"], row["state"], row["resolution"], row["owner"]));
            Assert.Equal(e.CreatedAt, DateTimeOffset.Parse(row["createdAt"], CultureInfo.InvariantCulture));
            Assert.Equal(e.ResolvedAt, row["resolvedAt"] == "" ? null : DateTimeOffset.Parse(row["resolvedAt"], CultureInfo.InvariantCulture));
            Assert.Equal(e.ValueAtRisk, decimal.Parse(row["valueAtRisk"], NumberStyles.Number, CultureInfo.InvariantCulture));
            Assert.EndsWith("Z", row["createdAt"], StringComparison.Ordinal);
            Assert.Matches(@"^\d+\.\d{2,}$", row["valueAtRisk"]);
        }

        // The approving audit event's reason, with its comma and quotes intact.
        Assert.Equal("Promo re-tagged by hand, \"SPRING24\", per campaign brief", parsed.Single(r => r["id"] == Id(seeded, "E1"))["reason"]);
        Assert.Equal("Lines re-sent", parsed.Single(r => r["id"] == Id(seeded, "E9"))["reason"]);
        Assert.Equal("", parsed.Single(r => r["id"] == Id(seeded, "E2"))["reason"]);
        Assert.Equal(Id(seeded, "E1"), parsed.Single(r => r["id"] == Id(seeded, "E5"))["previousExceptionId"]);
    }

    [Fact]
    public async Task Audit_csv_round_trips_the_periods_audit_events_with_their_hashes()
    {
        using var client = _factory.CreateClient();
        await _factory.EnsureSeededAsync();

        var response = await client.GetWithTokenAsync("/api/exports/audit.csv?from=2026-11-16&to=2026-11-23T00:00:00Z");

        var rows = CsvReader.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(["id", "exceptionId", "at", "actor", "action", "fromState", "toState", "reason", "details", "prevHash", "hash"], rows[0]);
        var start = FiguresDataSet.T0;
        var expected = await QueryAsync(db => db.AuditEvents.AsNoTracking().Where(a => a.At >= start).OrderBy(a => a.Id).ToListAsync());
        Assert.Equal(5, expected.Count); // the event before the week is left out
        Assert.Equal(
            expected.Select(a => (a.Id.ToString(CultureInfo.InvariantCulture), a.At, a.Actor, a.Action, a.Reason ?? "", a.Hash)),
            rows.Skip(1).Select(r => (r[0], DateTimeOffset.Parse(r[2], CultureInfo.InvariantCulture), r[3], r[4], r[7], r[10])));
    }

    [Fact]
    public async Task Exports_need_the_admin_token_and_a_period()
    {
        using var client = _factory.CreateClient();

        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetWithTokenAsync("/api/exports/audit.csv?from=2026-11-01&to=2026-12-01", token: null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetWithTokenAsync("/api/exports/audit.csv?from=2026-11-01")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.GetWithTokenAsync("/api/exports/exceptions.csv?from=2026-12-01&to=2026-11-01")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetWithTokenAsync("/api/exports/exceptions.csv?from=2026-11-01&to=2026-12-01&flow=nope")).StatusCode);
    }

    [Fact]
    public async Task The_export_verb_writes_the_same_csv_to_a_file()
    {
        _ = _factory.Services; // migrates the database
        var seeded = await _factory.EnsureSeededAsync();
        var file = Path.Combine(_factory.Directory, "out.csv");

        var result = await ReconcileProcess.RunAsync(_factory.Directory, new Dictionary<string, string>
        {
            ["Database__ConnectionString"] = $"Data Source={_factory.DatabasePath}",
            ["Flows__shop-to-crm__Source"] = "shop", ["Flows__shop-to-crm__Targets__0"] = "crm",
            ["Flows__shop-to-crm__Owner"] = "campaign-ops", ["Flows__shop-to-crm__Compare__0"] = "total",
        }, "export", "exceptions", "--from", "2026-11-16", "--to", "2026-11-23", "--flow", "shop-to-crm", "--out", file);

        Assert.True(result.ExitCode == 0, result.Error);
        var rows = CsvReader.Parse(await File.ReadAllTextAsync(file));
        Assert.Equal(2, rows.Count);
        Assert.Equal((Id(seeded, "E9"), "shop-to-crm", "B1", "40.00"), (rows[1][0], rows[1][1], rows[1][2], rows[1][16]));
    }

    private static string Id(Dictionary<string, ExceptionEntity> seeded, string key) => seeded[key].Id.ToString(CultureInfo.InvariantCulture);

    private async Task<T> QueryAsync<T>(Func<ReconcileDbContext, Task<T>> query)
    {
        using var scope = _factory.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<ReconcileDbContext>());
    }
}
