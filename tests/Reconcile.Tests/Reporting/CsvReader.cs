using System.Text;

namespace Reconcile.Tests.Reporting;

/// <summary>An RFC 4180 reader written for the tests, independent of the product's writer.</summary>
public static class CsvReader
{
    public static List<string[]> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rows = new List<string[]>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.Equal(0, field.Length); // a quote may only open a field
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r')
            {
                Assert.Equal('\n', text[i + 1]); // rows end in CRLF
                row.Add(field.ToString());
                field.Clear();
                rows.Add([.. row]);
                row.Clear();
                i++;
            }
            else
            {
                Assert.NotEqual('\n', c); // a bare LF outside quotes is not RFC 4180
                field.Append(c);
            }
        }

        Assert.False(quoted);
        Assert.Equal(0, field.Length + row.Count); // the last row ends in CRLF too
        return rows;
    }
}
