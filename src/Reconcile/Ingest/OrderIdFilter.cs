using System.Collections;
using System.IO.Hashing;
using System.Runtime.InteropServices;

namespace Reconcile.Ingest;

/// <summary>
/// A Bloom filter of order ids: <see cref="MayContain"/> is true for every id <see cref="Add"/>ed, and false for about
/// one id in a hundred of those never added while it holds no more than its <c>capacity</c> (more only raises that
/// rate). Ten bits and seven probes an id (Kirsch and Mitzenmacher's double hashing of one 64-bit XXH3 hash); ids are
/// compared ordinally, as the records' key is.
/// </summary>
internal sealed class OrderIdFilter
{
    private const int BitsPerId = 10;
    private const int Probes = 7;

    // At most 2^30 bits (128 MiB): a capacity beyond 100 million ids only raises the false-positive rate.
    private const long MaxBits = 1L << 30;

    private readonly BitArray _bits;

    /// <summary>A filter sized for <paramref name="capacity"/> ids (at least 1,024).</summary>
    public OrderIdFilter(long capacity) =>
        _bits = new BitArray((int)Math.Clamp(Math.Max(capacity, 1024) * BitsPerId, 1, MaxBits));

    /// <summary>Adds <paramref name="orderId"/>.</summary>
    public void Add(string orderId)
    {
        var (first, step) = Hash(orderId);
        for (var probe = 0; probe < Probes; probe++)
        {
            _bits[Index(first, step, probe)] = true;
        }
    }

    /// <summary>False only when <paramref name="orderId"/> was never added.</summary>
    public bool MayContain(string orderId)
    {
        var (first, step) = Hash(orderId);
        for (var probe = 0; probe < Probes; probe++)
        {
            if (!_bits[Index(first, step, probe)])
            {
                return false;
            }
        }

        return true;
    }

    private int Index(uint first, uint step, int probe) => (int)((first + ((ulong)step * (uint)probe)) % (uint)_bits.Length);

    private static (uint First, uint Step) Hash(string orderId)
    {
        var hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(orderId.AsSpan()));
        return ((uint)hash, (uint)(hash >> 32) | 1);
    }
}
