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

    public static ProblemHttpResult UnsupportedMediaType() => TypedResults.Problem(
        title: "Unsupported media type", detail: "Send JSON with Content-Type: application/json.", statusCode: StatusCodes.Status415UnsupportedMediaType);

    public static ProblemHttpResult TooLarge(long limit) => TypedResults.Problem(
        title: "Payload too large", detail: $"The body is larger than the configured limit of {limit} bytes (Api:MaxBodyBytes).", statusCode: StatusCodes.Status413PayloadTooLarge);
}
