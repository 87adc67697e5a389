using Reconcile.Engine.Records;

namespace Reconcile.Engine.Tests.Records;

public sealed class CurrencyExponentTests
{
    [Theory]
    [InlineData("USD", 2)]
    [InlineData("usd", 2)]
    [InlineData("EUR", 2)]
    [InlineData("JPY", 0)]
    [InlineData("KRW", 0)]
    [InlineData("KWD", 3)]
    [InlineData("BHD", 3)]
    [InlineData("TND", 3)]
    [InlineData("CLF", 4)]
    public void Known_currencies_have_their_minor_unit(string code, int expected)
    {
        Assert.True(CurrencyExponent.TryGet(code, out var exponent));
        Assert.Equal(expected, exponent);
    }

    [Theory]
    [InlineData("XAU")]
    [InlineData("ABC")]
    [InlineData("")]
    [InlineData(null)]
    public void Unknown_codes_have_no_minor_unit(string? code) => Assert.False(CurrencyExponent.TryGet(code, out _));

    [Fact]
    public void The_table_covers_the_active_list() => Assert.True(CurrencyExponent.All.Count >= 165);
}
