using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;

namespace Reconcile.Slack.Payloads;

/// <summary>Slack's form-encoded bodies (slash commands, interactions), parsed from the verified raw text.</summary>
public static class SlackForm
{
    public const string ContentType = "application/x-www-form-urlencoded";

    public static Dictionary<string, StringValues> Parse(string? contentType, string body)
    {
        if (contentType is null || !contentType.StartsWith(ContentType, StringComparison.OrdinalIgnoreCase))
        {
            throw new SlackPayloadException($"Expected Content-Type {ContentType}, got '{contentType}'.");
        }

        try
        {
            return new FormReader(body).ReadForm();
        }
        catch (InvalidDataException ex)
        {
            throw new SlackPayloadException("The form body could not be read.", ex);
        }
    }

    public static string? Field(IReadOnlyDictionary<string, StringValues> form, string name)
    {
        ArgumentNullException.ThrowIfNull(form);
        return form.TryGetValue(name, out var value) && !StringValues.IsNullOrEmpty(value) ? value.ToString() : null;
    }

    public static Uri? AbsoluteUri(string? value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp) ? uri : null;
}
