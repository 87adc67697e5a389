using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Reconcile.Data;
using Reconcile.Ingest;
using Reconcile.Tests.Infrastructure;

namespace Reconcile.Tests.Ingest;

/// <summary>Ingest at bulk speed: a batch of thousands of records costs multi-row statements, not one each.</summary>
public sealed class BulkIngestTests
{
    [Fact]
    public async Task Five_thousand_new_records_are_stored_in_multi_row_statements_with_their_compared_columns()
    {
        var counter = new CommandCounter();
        using var factory = new ReconcileFactory();
        using var counted = factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IInterceptor>(counter)));
        var payloads = Enumerable.Range(1, 5000).Select(i => JsonDocument.Parse(string.Create(CultureInfo.InvariantCulture,
            $$"""{"orderId":"{{i:D6}}","currency":"USD","total":{{i}}.10,"discount":1.50,"promoCode":"SPRING24","status":"paid","updatedAt":"2026-11-20T10:00:00Z","lines":[{"sku":"SKU-1","quantity":1,"unitPrice":{{i}}.10}]}""")).RootElement).ToList();

        await using var scope = counted.Services.CreateAsyncScope();
        var store = scope.ServiceProvider.GetRequiredService<RecordStore>();
        // Only this unit of work's statements: the host's background services query the same database meanwhile.
        counter.Watch(scope.ServiceProvider.GetRequiredService<ReconcileDbContext>());
        var result = await store.StoreAsync("shop", payloads, null, CancellationToken.None);

        Assert.Equal(5000, result.Accepted);
        // Three lookups of existing copies and multi-row inserts of about 40 rows each (SQLite's parameter sweet spot), not 5,000.
        Assert.InRange(counter.Count, 1, 150);
        var db = scope.ServiceProvider.GetRequiredService<ReconcileDbContext>();
        Assert.Equal(5000, await db.Records.CountAsync(r => r.System == "shop" && r.Compact != null));
        var stored = await db.Records.AsNoTracking().SingleAsync(r => r.OrderId == "004321");
        Assert.Equal("4321.10", stored.Total?.ToString(CultureInfo.InvariantCulture));
        Assert.Equal("1.50", stored.Discount?.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(("USD", "SPRING24", "paid"), (stored.Currency, stored.PromoCode, stored.Status));
    }

    private sealed class CommandCounter : DbCommandInterceptor
    {
        private int _count;
        private DbContext? _watched;

        public int Count => _count;

        public void Watch(DbContext context) => _watched = context;

        private void Observe(CommandEventData eventData)
        {
            if (eventData.Context is { } context && ReferenceEquals(context, _watched))
            {
                Interlocked.Increment(ref _count);
            }
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Observe(eventData);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Observe(eventData);
            return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}
