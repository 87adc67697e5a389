using Reconcile.Engine.Records;
using Reconcile.Engine.Simulation;

namespace Reconcile.Engine.Tests.Records;

public sealed class CompactRecordCodecTests
{
    [Fact]
    public void Every_simulated_record_comes_back_with_its_exact_times_external_id_and_lines()
    {
        var world = Simulator.Generate(new SimulatorOptions(300, 0.1, 11, new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero)));
        var checkedRecords = 0;
        foreach (var payload in world.Payloads)
        {
            if (RecordParser.Parse(payload.RawPayload, world.FieldMaps.GetValueOrDefault(payload.System)).Record is not { } record)
            {
                continue;
            }

            var parts = CompactRecordCodec.Decode(CompactRecordCodec.Encode(record));

            Assert.Equal(record.ExternalId, parts.ExternalId);
            Assert.Equal(record.UpdatedAt.UtcTicks, parts.UpdatedAt.UtcTicks);
            Assert.Equal(record.CreatedAt, parts.CreatedAt);
            Assert.Equal(record.Lines, parts.Lines);
            checkedRecords++;
        }

        Assert.True(checkedRecords > 800);
    }

    [Fact]
    public void Decimals_keep_their_scale_and_times_their_offset_and_ticks()
    {
        var record = new OrderRecord
        {
            OrderId = "1", Currency = "EUR", Total = 1m, ExternalId = "inv_é✓",
            UpdatedAt = new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567),
            Lines = [new OrderLine("SKU 1", 2.000m, 19.90m), new OrderLine("", -1m, 0.0000001m)],
        };

        var parts = CompactRecordCodec.Decode(CompactRecordCodec.Encode(record));

        Assert.Equal("2.000", parts.Lines[0].Quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("19.90", parts.Lines[0].UnitPrice.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0.0000001m, parts.Lines[1].UnitPrice);
        Assert.Equal(TimeSpan.FromHours(2), parts.UpdatedAt.Offset);
        Assert.Equal(record.UpdatedAt.Ticks, parts.UpdatedAt.Ticks);
        Assert.Null(parts.CreatedAt);
        Assert.Equal("inv_é✓", parts.ExternalId);
    }

    [Fact]
    public void A_sku_maker_is_asked_for_each_non_empty_sku_and_its_strings_are_the_lines_skus()
    {
        var record = new OrderRecord
        {
            OrderId = "1", Currency = "EUR", Total = 1m, UpdatedAt = DateTimeOffset.UnixEpoch,
            Lines = [new OrderLine("SKU-é", 1m, 2m), new OrderLine("", 1m, 3m), new OrderLine("SKU-é", 2m, 4m)],
        };
        var asked = new List<string>();
        var known = new Dictionary<string, string>(StringComparer.Ordinal);

        var parts = CompactRecordCodec.Decode(CompactRecordCodec.Encode(record), utf8 =>
        {
            var text = System.Text.Encoding.UTF8.GetString(utf8);
            asked.Add(text);
            return known.TryAdd(text, text) ? text : known[text];
        });

        Assert.Equal(["SKU-é", "SKU-é"], asked);
        Assert.Equal(record.Lines, parts.Lines);
        Assert.Same(parts.Lines[0].Sku, parts.Lines[2].Sku);
        Assert.Equal(string.Empty, parts.Lines[1].Sku);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 2, 0 })]
    [InlineData(new byte[] { 1, 0, 0, 0 })]
    public void Corrupt_bytes_are_a_format_error_not_a_crash(byte[] data) =>
        Assert.Throws<FormatException>(() => CompactRecordCodec.Decode(data));

    [Fact]
    public void Trailing_bytes_are_refused()
    {
        var encoded = CompactRecordCodec.Encode(new OrderRecord { OrderId = "1", Currency = "USD", Total = 1m, UpdatedAt = DateTimeOffset.UnixEpoch });
        Assert.Throws<FormatException>(() => CompactRecordCodec.Decode([.. encoded, 0]));
    }
}
