namespace Reconcile.Topology;

/// <summary>Start-up checks of a system's <c>Connector</c> section; each failure names its key.</summary>
internal static class ConnectorChecks
{
    private static readonly string[] Methods = ["GET", "POST", "PUT", "PATCH"];

    public static void Validate(string key, ConnectorOptions connector, List<string> failures)
    {
        if (connector.Kind is not (ConnectorOptions.InProcess or ConnectorOptions.Http))
        {
            failures.Add($"{key}:Kind: '{connector.Kind}' is not a connector kind (use InProcess or Http)");
            return;
        }

        if (connector.Kind != ConnectorOptions.Http)
        {
            return;
        }

        if (!Uri.TryCreate(connector.BaseUrl, UriKind.Absolute, out _))
        {
            failures.Add($"{key}:BaseUrl: an absolute URL is required for an Http connector");
        }

        if (connector.Timeout <= TimeSpan.Zero)
        {
            failures.Add($"{key}:Timeout: must be greater than 0");
        }

        if (connector.Retries is < 0 or > 10)
        {
            failures.Add($"{key}:Retries: must be between 0 and 10");
        }

        ValidateAuth($"{key}:Auth", connector.Auth, failures);
        ValidatePull($"{key}:Pull", connector.Pull, failures);
        ValidateCall($"{key}:Read", connector.Read, failures);
        if (connector.Read is { } read && read.MaxPerRun < 0)
        {
            failures.Add($"{key}:Read:MaxPerRun: must be 0 (no confirming reads) or more");
        }

        if (connector.Read is { Concurrency: < 1 or > 32 })
        {
            failures.Add($"{key}:Read:Concurrency: must be between 1 and 32");
        }

        ValidateCall($"{key}:Write", connector.Write, failures);
        ValidateCall($"{key}:Create", connector.Create, failures);
    }

    private static void ValidateAuth(string key, ConnectorAuthOptions? auth, List<string> failures)
    {
        switch (auth?.Scheme)
        {
            case null:
                return;
            case ConnectorAuthOptions.Bearer when string.IsNullOrEmpty(auth.Token):
                failures.Add($"{key}:Token: required for the Bearer scheme");
                break;
            case ConnectorAuthOptions.Basic when string.IsNullOrEmpty(auth.Username) || auth.Password is null:
                failures.Add($"{key}:Username: Username and Password are required for the Basic scheme");
                break;
            case ConnectorAuthOptions.HeaderScheme when string.IsNullOrWhiteSpace(auth.Header) || string.IsNullOrEmpty(auth.Token):
                failures.Add($"{key}:Header: Header and Token are required for the Header scheme");
                break;
            case ConnectorAuthOptions.Bearer or ConnectorAuthOptions.Basic or ConnectorAuthOptions.HeaderScheme:
                break;
            default:
                failures.Add($"{key}:Scheme: '{auth.Scheme}' is not an auth scheme (use Bearer, Basic or Header)");
                break;
        }
    }

    private static void ValidatePull(string key, ConnectorPullOptions? pull, List<string> failures)
    {
        if (pull is null)
        {
            return;
        }

        if (pull.MaxPages < 1)
        {
            failures.Add($"{key}:MaxPages: must be at least 1");
        }

        ConnectorPullChecks.Validate(key, pull, failures);

        if (pull.Since is { } since && since.Format is not (ConnectorSinceOptions.Iso8601 or ConnectorSinceOptions.UnixSeconds or ConnectorSinceOptions.UnixMilliseconds))
        {
            failures.Add($"{key}:Since:Format: '{since.Format}' is not a format (use iso8601, unixSeconds or unixMilliseconds)");
        }

        if (pull.Paging is { } paging && paging.Kind is not (ConnectorPagingOptions.Link or ConnectorPagingOptions.Cursor or ConnectorPagingOptions.Page))
        {
            failures.Add($"{key}:Paging:Kind: '{paging.Kind}' is not a paging kind (use Link, Cursor or Page)");
        }
    }

    private static void ValidateCall(string key, ConnectorCallOptions? call, List<string> failures)
    {
        if (call is null)
        {
            return;
        }

        if (!Methods.Contains(call.Method, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{key}:Method: '{call.Method}' is not supported (use GET, POST, PUT or PATCH)");
        }

        if (string.IsNullOrWhiteSpace(call.Path))
        {
            failures.Add($"{key}:Path: required");
        }
    }
}
