namespace Reconcile.Ingest;

/// <summary>Clear 4xx answers as RFC 7807 problem details: a title that says what to fix.</summary>
public static class ApiProblems
{
    public static IResult Unauthorized(string detail = "A valid bearer token is required (Authorization: Bearer …).") =>
        Results.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    public static IResult BadRequest(string detail) =>
        Results.Problem(title: "Bad request", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    public static IResult NotFound(string detail) =>
        Results.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static IResult Conflict(string detail) =>
        Results.Problem(title: "Conflict", detail: detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>
    /// 422 for a body whose items hold text that cannot be stored as sent (bad bytes, over-long values, repeated
    /// keys): the problem names each item and field; the other items were processed and are counted as usual.
    /// </summary>
    public static IResult Refused(IngestResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var refused = result.Errors.Select(e => e.Index).Distinct().Count();
        return Results.Problem(
            title: "Unprocessable content",
            detail: $"{refused} item(s) hold values that cannot be stored as sent; each error names the item and field. The other items were processed.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?>
            {
                ["accepted"] = result.Accepted, ["quarantined"] = result.Quarantined, ["errors"] = result.Errors,
            });
    }

    public static IResult UnsupportedMediaType() => Results.Problem(
        title: "Unsupported media type", detail: "Send JSON with Content-Type: application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);

    public static IResult TooLarge(long limit) => Results.Problem(
        title: "Payload too large", detail: $"The body is larger than the configured limit of {limit} bytes (Api:MaxBodyBytes).", statusCode: StatusCodes.Status413PayloadTooLarge);
}
