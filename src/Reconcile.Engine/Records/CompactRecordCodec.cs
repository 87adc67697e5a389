using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Reconcile.Engine.Records;

/// <summary>
/// A compact binary form of a record's <see cref="CompactParts"/>, written once at ingest so a run reads a record
/// without parsing JSON. Layout (little-endian): version byte (1); updatedAt and createdAt as UTC ticks (int64) and
/// offset minutes (int16), createdAt behind a presence byte; the external id as a string; a 7-bit-encoded line count,
/// then per line its sku (string) and quantity and unit price as the four 32-bit words of <see cref="decimal.GetBits(decimal)"/>,
/// so a decimal comes back with its exact digits and scale. A string is its 7-bit-encoded UTF-8 length plus one
/// (0 for null) followed by its bytes. <see cref="Decode"/> throws <see cref="FormatException"/> on anything else.
/// </summary>
public static class CompactRecordCodec
{
    private const byte Version = 1;

    /// <summary>Encodes the record's external id, times and lines.</summary>
    public static byte[] Encode(OrderRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var buffer = new ArrayBufferWriter<byte>(64 + (record.Lines.Count * 48));
        Write(buffer, Version);
        WriteTime(buffer, record.UpdatedAt);
        Write(buffer, record.CreatedAt is null ? (byte)0 : (byte)1);
        if (record.CreatedAt is { } created)
        {
            WriteTime(buffer, created);
        }

        WriteString(buffer, record.ExternalId);
        WriteCount(buffer, (uint)record.Lines.Count);
        foreach (var line in record.Lines)
        {
            WriteString(buffer, line.Sku);
            WriteDecimal(buffer, line.Quantity);
            WriteDecimal(buffer, line.UnitPrice);
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Decodes what <see cref="Encode"/> wrote.</summary>
    /// <exception cref="FormatException">The bytes are not a version-1 encoding.</exception>
    public static CompactParts Decode(ReadOnlySpan<byte> data) => Decode(data, skus: null);

    /// <summary>
    /// As <see cref="Decode(ReadOnlySpan{byte})"/>, each line's sku made by <paramref name="skus"/> from its UTF-8 bytes
    /// (never empty): a reader of millions of records passes one that returns the same string for a sku seen before.
    /// </summary>
    /// <exception cref="FormatException">The bytes are not a version-1 encoding.</exception>
    public static CompactParts Decode(ReadOnlySpan<byte> data, Func<ReadOnlySpan<byte>, string>? skus)
    {
        try
        {
            if (data[0] != Version)
            {
                throw new FormatException($"Unknown compact record version {data[0]}.");
            }

            var position = 1;
            var updatedAt = ReadTime(data, ref position);
            DateTimeOffset? createdAt = data[position++] == 1 ? ReadTime(data, ref position) : null;
            var externalId = ReadString(data, ref position);
            var count = (int)ReadCount(data, ref position);
            var lines = new OrderLine[count];
            for (var i = 0; i < count; i++)
            {
                var sku = (skus is null ? ReadString(data, ref position) : ReadString(data, ref position, skus)) ?? throw new FormatException("A line without a sku.");
                var quantity = ReadDecimal(data, ref position);
                lines[i] = new OrderLine(sku, quantity, ReadDecimal(data, ref position));
            }

            return position == data.Length
                ? new CompactParts(externalId, updatedAt, createdAt, lines)
                : throw new FormatException("Trailing bytes after a compact record.");
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException or ArgumentException)
        {
            throw new FormatException("A truncated or corrupt compact record.", e);
        }
    }

    private static void Write(ArrayBufferWriter<byte> buffer, byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }

    private static void WriteTime(ArrayBufferWriter<byte> buffer, DateTimeOffset time)
    {
        var span = buffer.GetSpan(10);
        BinaryPrimitives.WriteInt64LittleEndian(span, time.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(span[8..], (short)time.Offset.TotalMinutes);
        buffer.Advance(10);
    }

    private static DateTimeOffset ReadTime(ReadOnlySpan<byte> data, ref int position)
    {
        var ticks = BinaryPrimitives.ReadInt64LittleEndian(data[position..]);
        var offset = TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(data[(position + 8)..]));
        position += 10;
        return new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset);
    }

    private static void WriteDecimal(ArrayBufferWriter<byte> buffer, decimal value)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var span = buffer.GetSpan(16);
        for (var i = 0; i < 4; i++)
        {
            BinaryPrimitives.WriteInt32LittleEndian(span[(i * 4)..], bits[i]);
        }

        buffer.Advance(16);
    }

    private static decimal ReadDecimal(ReadOnlySpan<byte> data, ref int position)
    {
        Span<int> bits = stackalloc int[4];
        for (var i = 0; i < 4; i++)
        {
            bits[i] = BinaryPrimitives.ReadInt32LittleEndian(data[(position + (i * 4))..]);
        }

        position += 16;
        return new decimal(bits);
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            WriteCount(buffer, 0);
            return;
        }

        var length = Encoding.UTF8.GetByteCount(value);
        WriteCount(buffer, (uint)length + 1);
        buffer.Advance(Encoding.UTF8.GetBytes(value, buffer.GetSpan(length)));
    }

    private static string? ReadString(ReadOnlySpan<byte> data, ref int position, Func<ReadOnlySpan<byte>, string> text)
    {
        var length = ReadCount(data, ref position);
        if (length <= 1)
        {
            return length == 0 ? null : string.Empty;
        }

        var value = text(data.Slice(position, (int)length - 1));
        position += (int)length - 1;
        return value;
    }

    private static string? ReadString(ReadOnlySpan<byte> data, ref int position)
    {
        var length = ReadCount(data, ref position);
        if (length == 0)
        {
            return null;
        }

        var text = Encoding.UTF8.GetString(data.Slice(position, (int)length - 1));
        position += (int)length - 1;
        return text;
    }

    private static void WriteCount(ArrayBufferWriter<byte> buffer, uint value)
    {
        var span = buffer.GetSpan(5);
        var written = 0;
        while (value >= 0x80)
        {
            span[written++] = (byte)(value | 0x80);
            value >>= 7;
        }

        span[written++] = (byte)value;
        buffer.Advance(written);
    }

    private static uint ReadCount(ReadOnlySpan<byte> data, ref int position)
    {
        uint value = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = data[position++];
            value |= (uint)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                return value;
            }
        }

        throw new FormatException("A count longer than five bytes.");
    }
}
