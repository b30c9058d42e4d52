using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Sidecar.GraphQL.Gateway;

/// <summary>
/// The GraphiQL page, from the npm <c>graphiql</c> package's own build embedded in the sidecar at build time (no CDN: the page
/// works offline and loads nothing from elsewhere). The token goes into every request the page makes, the schema's
/// introspection included, and into the WebSocket's init payload; the page reads it from the URL fragment (never sent to a
/// server) or asks for it.
/// </summary>
internal static class GraphiQLPage
{
    private static readonly Assembly Assembly = typeof(GraphiQLPage).Assembly;

    public static async Task WriteAsync(HttpContext context, string endpointPath)
    {
        using var template = Assembly.GetManifestResourceStream("graphiql/index.html");
        if (template is null)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            await context.Response.WriteAsync("GraphiQL is not bundled in this build: run `npm ci` before `dotnet build`, which embeds it from node_modules.").ConfigureAwait(false);
            return;
        }
        using var reader = new StreamReader(template);
        var html = (await reader.ReadToEndAsync().ConfigureAwait(false)).Replace("{{ENDPOINT}}", System.Net.WebUtility.HtmlEncode(endpointPath), StringComparison.Ordinal);
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.Headers.ContentSecurityPolicy = "default-src 'self'; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data:; font-src 'self' data:";
        await context.Response.WriteAsync(html).ConfigureAwait(false);
    }

    /// <summary>Serves <c>/graphiql/{file}</c>: the embedded scripts and styles.</summary>
    public static async Task WriteAssetAsync(HttpContext context, string file)
    {
        using var asset = Assembly.GetManifestResourceStream("graphiql/" + file);
        if (asset is null)
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        context.Response.ContentType = file.EndsWith(".css", StringComparison.Ordinal) ? "text/css" : "text/javascript";
        context.Response.Headers.CacheControl = "public, max-age=86400";
        await asset.CopyToAsync(context.Response.Body).ConfigureAwait(false);
    }
}
