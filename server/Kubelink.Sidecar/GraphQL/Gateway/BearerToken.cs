using Microsoft.AspNetCore.Http;

namespace Kubelink.Sidecar.GraphQL.Gateway;

/// <summary>The caller's bearer token: forwarded to the API server as it is, never logged, never stored.</summary>
internal static class BearerToken
{
    public static string? From(HttpContext context) => Parse(context.Request.Headers.Authorization.ToString());

    public static string? Parse(string? header) =>
        header is not null && header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) && header[7..].Trim() is { Length: > 0 } token ? token : null;
}
