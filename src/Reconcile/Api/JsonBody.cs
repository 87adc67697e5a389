using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace Reconcile.Api;

/// <summary>Reads a JSON request body within the size limit, answering 413 / 415 / 400 instead of throwing.</summary>
public sealed class JsonBody(IOptionsMonitor<ApiOptions> options)
{
    /// <summary>The parsed body and its bytes (the ingest routes check their text), or the problem to answer.</summary>
    public sealed record Outcome(JsonDocument? Document, byte[] Bytes, ProblemHttpResult? Problem);

    public async Task<Outcome> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var limit = options.CurrentValue.MaxBodyBytes;
        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return new Outcome(null, [], ApiProblems.UnsupportedMediaType());
        }

        if (request.ContentLength > limit)
        {
            return new Outcome(null, [], ApiProblems.TooLarge(limit));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return new Outcome(null, [], ApiProblems.TooLarge(limit));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var bytes = buffer.ToArray();
            return new Outcome(JsonDocument.Parse(bytes), bytes, null);
        }
        catch (JsonException e)
        {
            return new Outcome(null, [], ApiProblems.BadRequest($"The body is not valid JSON: {e.Message}"));
        }
    }
}
