using Reconcile.Reporting;

namespace Reconcile.Tests.Reporting;

public sealed class CsvFieldTests
{
    [Theory]
    [InlineData("=HYPERLINK(\"http://x\")", "\"'=HYPERLINK(\"\"http://x\"\")\"")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("-5.00", "-5.00")]
    [InlineData("plain, with comma", "\"plain, with comma\"")]
    [InlineData("plain", "plain")]
    public void Text_a_spreadsheet_would_run_is_defused_while_numbers_stay_numbers(string value, string expected) =>
        Assert.Equal(expected, Csv.Field(value));
}
