using Reconcile.Engine.Records;
using Reconcile.Engine.Simulation;

namespace Reconcile.Engine.Tests.Records;

public sealed class CanonicalJsonFastPathTests
{
    [Fact]
    public void The_fast_reader_reads_back_exactly_what_the_validating_parser_reads()
    {
        var world = Simulator.Generate(new SimulatorOptions(500, 0.1, 5, new DateTimeOffset(2026, 11, 23, 15, 0, 0, TimeSpan.Zero)));
        var checkedRecords = 0;
        foreach (var payload in world.Payloads)
        {
            var parsed = RecordParser.Parse(payload.RawPayload, world.FieldMaps.GetValueOrDefault(payload.System));
            if (parsed.Record is null)
            {
                continue;
            }

            var canonical = CanonicalJson.Serialize(parsed.Record);
            var viaFastPath = CanonicalJsonReader.TryRead(canonical);

            Assert.NotNull(viaFastPath);
            Assert.Equal(canonical, CanonicalJson.Serialize(viaFastPath));
            Assert.Equal(parsed.Record.Lines, viaFastPath.Lines);
            checkedRecords++;
        }

        Assert.True(checkedRecords > 1000);
    }

    [Theory]
    [InlineData("""{"orderId":"1","currency":"USD","total":1,"updatedAt":"2026-11-20T10:00:00Z","colour":"red"}""")]
    [InlineData("""{"orderId":"1","currency":"USD","updatedAt":"2026-11-20T10:00:00Z"}""")]
    [InlineData("""[1]""")]
    public void Anything_unexpected_is_left_to_the_validating_parser(string json) => Assert.Null(CanonicalJsonReader.TryRead(json));
}
