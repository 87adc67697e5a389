namespace Reconcile.Reconciliation.Connectors.Http;

/// <summary>Fills a connector path template with URL-escaped ids (RFC 3986: <c>#1001</c> becomes <c>%231001</c>).</summary>
public static class ConnectorPath
{
    /// <summary>
    /// Replaces <c>{orderId}</c> and <c>{externalId}</c> in <paramref name="template"/>.
    /// Throws <see cref="ConnectorException"/> (not transient) when the template needs an external id and none is known.
    /// </summary>
    public static string Fill(string template, string orderId, string? externalId)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.Contains("{externalId}", StringComparison.Ordinal))
        {
            if (string.IsNullOrEmpty(externalId))
            {
                throw new ConnectorException($"the path '{template}' needs the order's external id, and none is known for order {orderId}", transient: false);
            }

            template = template.Replace("{externalId}", Uri.EscapeDataString(externalId), StringComparison.Ordinal);
        }

        return template.Replace("{orderId}", Uri.EscapeDataString(orderId), StringComparison.Ordinal);
    }
}
