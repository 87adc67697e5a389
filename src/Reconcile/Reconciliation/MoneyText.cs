using System.Globalization;

namespace Reconcile.Reconciliation;

/// <summary>
/// Reads a record's money as SQLite keeps it (the decimal's own invariant text, e.g. "19.90"). The plain form — an
/// optional minus, digits, an optional point and digits, at most 18 digits — is built directly from its digits and
/// scale, which is what <see cref="decimal.Parse(string, NumberStyles, IFormatProvider)"/> returns for it (same value,
/// same scale) at a fraction of the cost; anything else (exponents, negative zero, longer numbers) goes to that parser.
/// </summary>
internal static class MoneyText
{
    private const int MaxDigits = 18;

    /// <exception cref="FormatException">The text is not a number.</exception>
    public static decimal Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryPlain(text, out var value)
            ? value
            : decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
    }

    /// <summary>As <see cref="Parse(string)"/>, from the text's UTF-8 bytes as SQLite hands them over (no string is made for the plain form).</summary>
    /// <exception cref="FormatException">The text is not a number.</exception>
    public static decimal Parse(ReadOnlySpan<byte> utf8)
    {
        if (utf8.Length <= 64)
        {
            // Money text is ASCII: widening each byte is its UTF-16; anything else fails the plain form and is decoded properly below.
            Span<char> text = stackalloc char[utf8.Length];
            for (var i = 0; i < utf8.Length; i++)
            {
                text[i] = (char)utf8[i];
            }

            if (TryPlain(text, out var value))
            {
                return value;
            }
        }

        return decimal.Parse(System.Text.Encoding.UTF8.GetString(utf8), NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);
    }

    private static bool TryPlain(ReadOnlySpan<char> text, out decimal value)
    {
        value = 0m;
        var negative = text.Length > 0 && text[0] == '-';
        var i = negative ? 1 : 0;
        var (mantissa, digits, scale, point) = (0L, 0, 0, false);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '.' && !point)
            {
                point = true;
                continue;
            }

            if (c is < '0' or > '9' || ++digits > MaxDigits)
            {
                return false;
            }

            mantissa = (mantissa * 10) + (c - '0');
            scale += point ? 1 : 0;
        }

        // "", "-", "5.", ".5" and "-0…" are left to decimal.Parse, which decides what they mean.
        if (digits == 0 || (point && scale == 0) || text[negative ? 1 : 0] == '.' || (negative && mantissa == 0))
        {
            return false;
        }

        value = new decimal((int)mantissa, (int)(mantissa >> 32), 0, negative, (byte)scale);
        return true;
    }
}
