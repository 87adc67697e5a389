using System.Globalization;
using Reconcile.Reconciliation;

namespace Reconcile.Tests.Reconciliation;

/// <summary>Money read back from SQLite's text is the decimal that was stored: same value, same scale, same sign.</summary>
public sealed class MoneyTextTests
{
    [Theory]
    [InlineData("19.90")]
    [InlineData("0")]
    [InlineData("0.00")]
    [InlineData("-0.00")]
    [InlineData("-12.5")]
    [InlineData("007.50")]
    [InlineData("123456789012345678")]
    [InlineData("1234567890123456789")]
    [InlineData("79228162514264337593543950335")]
    [InlineData("0.000000000000000001")]
    [InlineData("1E+2")]
    [InlineData("1.5e-3")]
    [InlineData("5.")]
    [InlineData(".5")]
    public void Money_text_reads_as_the_decimal_parser_reads_it_bit_for_bit(string text)
    {
        var expected = decimal.Parse(text, NumberStyles.Number | NumberStyles.AllowExponent, CultureInfo.InvariantCulture);

        var read = MoneyText.Parse(text);

        Assert.Equal(decimal.GetBits(expected), decimal.GetBits(read));
        Assert.Equal(expected.ToString(CultureInfo.InvariantCulture), read.ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public void A_stored_amount_keeps_its_scale_so_it_shows_as_it_was_sent()
    {
        Assert.Equal("19.90", MoneyText.Parse("19.90").ToString(CultureInfo.InvariantCulture));
        Assert.Equal("-3.000", MoneyText.Parse("-3.000").ToString(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("")]
    [InlineData("-")]
    [InlineData("1.2.3")]
    [InlineData("12a")]
    public void Text_that_is_not_a_number_is_refused(string text) =>
        Assert.Throws<FormatException>(() => MoneyText.Parse(text));
}
