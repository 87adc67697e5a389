namespace Reconcile.Ingest.Pull;

/// <summary>
/// Reads the <c>Link</c> response header (RFC 8288 §3): <c>&lt;url&gt;; rel="next", &lt;url&gt;; rel="previous"</c>.
/// Shopify-style APIs page this way (a <c>page_info</c> cursor inside the next URL).
/// </summary>
public static class LinkHeader
{
    /// <summary>
    /// The target of the first link whose <c>rel</c> (a space-separated list, quoted or not, any case) holds <c>next</c>,
    /// as written (it may be relative); null when no link is the next one. Malformed links are skipped, never thrown on.
    /// </summary>
    public static string? Next(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        foreach (var value in values)
        {
            var at = 0;
            while (at < value.Length)
            {
                var open = value.IndexOf('<', at);
                var close = open < 0 ? -1 : value.IndexOf('>', open + 1);
                if (close < 0)
                {
                    break;
                }

                var target = value[(open + 1)..close].Trim();
                var end = EndOfLink(value, close + 1);
                if (IsNext(value[(close + 1)..end]))
                {
                    return target;
                }

                at = end + 1;
            }
        }

        return null;
    }

    /// <summary>Where this link's parameters end: the next comma outside a quoted string.</summary>
    private static int EndOfLink(string value, int from)
    {
        var quoted = false;
        for (var i = from; i < value.Length; i++)
        {
            switch (value[i])
            {
                case '\\' when quoted:
                    i++;
                    break;
                case '"':
                    quoted = !quoted;
                    break;
                case ',' when !quoted:
                    return i;
            }
        }

        return value.Length;
    }

    private static bool IsNext(string parameters)
    {
        foreach (var parameter in parameters.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            if (equals < 0 || !parameter[..equals].Trim().Equals("rel", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var relations = parameter[(equals + 1)..].Trim().Trim('"');
            return relations.Split(' ', StringSplitOptions.RemoveEmptyEntries).Any(r => r.Equals("next", StringComparison.OrdinalIgnoreCase));
        }

        return false;
    }
}
