using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace Reconcile.Slack.Signing;

/// <summary>
/// Runs before every /slack/* endpoint: reads the raw body (bounded) before anything parses it, and
/// refuses unsigned, stale or forged requests with 401 so nothing downstream ever sees them.
/// </summary>
internal sealed class SlackSignatureFilter(IOptions<SlackOptions> options, TimeProvider time, ILogger<SlackSignatureFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var limit = options.Value.MaxRequestBytes;
        if (http.Request.ContentLength > limit)
        {
            return Results.Problem($"Request body exceeds {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadBoundedAsync(http.Request.Body, limit, http.RequestAborted);
        if (body is null)
        {
            return Results.Problem($"Request body exceeds {limit} bytes.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        var timestamp = http.Request.Headers[SlackSignatureVerifier.TimestampHeader].ToString();
        var signature = http.Request.Headers[SlackSignatureVerifier.SignatureHeader].ToString();
        if (string.IsNullOrEmpty(signature) && IsSslCheck(http, body))
        {
            // Slack's unsigned certificate probe: answer it, process nothing from it.
            return Results.Ok();
        }

        var secret = options.Value.SigningSecret;
        var check = string.IsNullOrWhiteSpace(secret)
            ? SignatureCheck.Mismatch
            : new SlackSignatureVerifier(secret).Verify(timestamp, signature, body, time.GetUtcNow());
        if (check != SignatureCheck.Valid)
        {
            logger.LogWarning("Refused Slack request to {Path}: signature check {SignatureCheck}", http.Request.Path.Value, check);
            return Results.Problem("Slack request signature is missing or invalid.", statusCode: StatusCodes.Status401Unauthorized);
        }

        http.Features.Set(new SlackRequestBody(body));
        return await next(context);
    }

    private static bool IsSslCheck(HttpContext http, byte[] body) =>
        http.Request.Path.Value?.EndsWith("/commands", StringComparison.Ordinal) == true
        && http.Request.ContentType?.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase) == true
        && new FormReader(System.Text.Encoding.UTF8.GetString(body)).ReadForm().TryGetValue("ssl_check", out var value)
        && value == "1";

    private static async Task<byte[]?> ReadBoundedAsync(Stream stream, int limit, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await stream.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
