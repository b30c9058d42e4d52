using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery.OpenApi;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Http;

/// <summary>Paths outside the resource tree: version, health, discovery and OpenAPI.</summary>
internal sealed class NonResourceHandlers(SimulatorCore core)
{
    public async Task HandleAsync(HttpContext context, ApiRequest request)
    {
        var path = request.Path.TrimEnd('/');
        var parts = path.Trim('/').Split('/');
        var preferred = ContentNegotiation.Preferred(context.Request);
        if (request.Verb != "get")
        {
            throw ApiException.MethodNotAllowed();
        }
        switch (parts)
        {
            case ["version"]:
                await Responses.Json(context, 200, Version());
                return;
            case ["healthz" or "livez" or "readyz", ..]:
                await Responses.Text(context, 200, "ok");
                return;
            case ["api"]:
                await Discovery(context, preferred, coreGroup: true);
                return;
            case ["apis"]:
                await Discovery(context, preferred, coreGroup: false);
                return;
            case ["api", var version]:
                await JsonOr404(context, core.Discovery.ResourceList("", version));
                return;
            case ["apis", var group]:
                await JsonOr404(context, core.Discovery.Group(group));
                return;
            case ["apis", var group, var version]:
                await JsonOr404(context, core.Discovery.ResourceList(group, version));
                return;
            case ["openapi", "v2"]:
                await OpenApiV2(context);
                return;
            case ["openapi", "v3"]:
                await Responses.Json(context, 200, core.OpenApi.V3Index());
                return;
            case ["openapi", "v3", ..]:
                await Document(context, core.OpenApi.V3(string.Join('/', parts[2..])));
                return;
        }
        await Responses.Text(context, 404, "404 page not found\n");
    }

    private JsonObject Version()
    {
        var gitVersion = core.Options.GitVersion;
        var numbers = gitVersion.TrimStart('v').Split('.');
        return new JsonObject
        {
            ["major"] = numbers[0],
            ["minor"] = numbers.Length > 1 ? numbers[1] : "0",
            ["gitVersion"] = gitVersion,
            ["gitCommit"] = "6e2e1b4a9c0d3f5e7a8b9c0d1e2f3a4b5c6d7e8f",
            ["gitTreeState"] = "clean",
            ["buildDate"] = "2024-08-13T07:28:49Z",
            ["goVersion"] = "go1.22.5",
            ["compiler"] = "gc",
            ["platform"] = "linux/amd64",
        };
    }

    private async Task Discovery(HttpContext context, string preferred, bool coreGroup)
    {
        context.Response.Headers.Vary = "Accept";
        if (preferred == "discovery-v2" || preferred == "discovery-v2beta1")
        {
            var v2 = preferred == "discovery-v2";
            var body = core.Discovery.Aggregated(coreGroup, v2 ? "apidiscovery.k8s.io/v2" : "apidiscovery.k8s.io/v2beta1");
            await Responses.Json(context, 200, body,
                v2 ? ContentNegotiation.AggregatedDiscoveryV2 : ContentNegotiation.AggregatedDiscoveryV2Beta1);
            return;
        }
        await Responses.Json(context, 200, coreGroup ? core.Discovery.ApiVersions() : core.Discovery.GroupList());
    }

    private async Task OpenApiV2(HttpContext context)
    {
        // kubectl asks for the protobuf encoding of v2; only JSON is served, and 406 makes clients that can, move on.
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Length > 0 && !accept.Contains("json", StringComparison.Ordinal) && !accept.Contains("*/*", StringComparison.Ordinal))
        {
            await Responses.Status(context, new ApiException(406, "NotAcceptable",
                "only the following media types are accepted: application/json"));
            return;
        }
        await Document(context, core.OpenApi.V2());
    }

    private static async Task Document(HttpContext context, byte[]? json)
    {
        if (json is null)
        {
            await Responses.Text(context, 404, "404 page not found\n");
            return;
        }
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.ETag = OpenApiDocuments.Etag(json);
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
    }

    private static Task JsonOr404(HttpContext context, JsonObject? body) =>
        body is null
            ? Responses.Status(context, new ApiException(404, "NotFound", "the server could not find the requested resource", []))
            : Responses.Json(context, 200, body);
}
