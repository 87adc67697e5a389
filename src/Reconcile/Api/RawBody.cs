using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Reconcile.Api;

/// <summary>
/// Reads a request body as bytes within <c>Api:MaxBodyBytes</c>: signatures are computed over exactly these
/// bytes, so nothing may parse or re-encode them first.
/// </summary>
public sealed class RawBody(IOptionsMonitor<ApiOptions> options)
{
    /// <summary>The bytes, or a 413 problem when the body is over the limit.</summary>
    public async Task<(byte[]? Bytes, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = options.CurrentValue.MaxBodyBytes;
        if (request.ContentLength > limit)
        {
            return (null, ApiProblems.TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return (null, ApiProblems.TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        return (buffer.ToArray(), null);
    }
}
