using Microsoft.AspNetCore.Http.HttpResults;

namespace Reconcile.Api;

/// <summary>Clear 4xx answers as RFC 7807 problem details: a title, and a detail that says what to fix.</summary>
public static class ApiProblems
{
    public const string DefaultRefusal = "A valid bearer token is required (Authorization: Bearer …).";

    public static ProblemHttpResult Unauthorized(string detail = DefaultRefusal) =>
        TypedResults.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized);

    public static ProblemHttpResult BadRequest(string detail) =>
        TypedResults.Problem(title: "Bad request", detail: detail, statusCode: StatusCodes.Status400BadRequest);

    public static ProblemHttpResult NotFound(string detail) =>
        TypedResults.Problem(title: "Not found", detail: detail, statusCode: StatusCodes.Status404NotFound);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(title: "Conflict", detail: detail, statusCode: StatusCodes.Status409Conflict);

    /// <summary>
    /// 422 for a body whose items hold text that cannot be stored as sent (bad bytes, over-long values, repeated
    /// keys): <paramref name="errors"/> name each item and field; the other items were processed and are counted.
    /// </summary>
    public static ProblemHttpResult Refused<TError>(int accepted, int quarantined, IReadOnlyList<TError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return TypedResults.Problem(
            title: "Unprocessable content",
            detail: "Some items hold values that cannot be stored as sent; each error names the item and field. The other items were processed.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?> { ["accepted"] = accepted, ["quarantined"] = quarantined, ["errors"] = errors });
    }

    public static ProblemHttpResult UnsupportedMediaType() => TypedResults.Problem(
        title: "Unsupported media type", detail: "Send JSON with Content-Type: application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);

    public static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        title: "Payload too large", detail: $"The body is larger than the configured limit of {limit} bytes (Api:MaxBodyBytes).", statusCode: StatusCodes.Status413PayloadTooLarge);
}
