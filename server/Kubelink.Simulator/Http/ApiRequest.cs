using Kubelink.Simulator.Rbac;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Http;

/// <summary>What a request addresses, derived from method and path as the API server's RequestInfoFactory does.</summary>
internal sealed record ApiRequest
{
    private static readonly HashSet<string> NamespaceSubresources = ["status", "finalize"];

    public required string Path { get; init; }

    public required string Verb { get; init; }

    public bool IsResourceRequest { get; init; }

    public bool Watch { get; init; }

    public string Group { get; init; } = "";

    public string Version { get; init; } = "";

    public string Namespace { get; init; } = "";

    public string Resource { get; init; } = "";

    public string Name { get; init; } = "";

    public string Subresource { get; init; } = "";

    public AccessRequest ToAccessRequest() => IsResourceRequest
        ? new AccessRequest(Verb, Group, Resource, Subresource, Namespace, Name)
        : AccessRequest.NonResource(Verb, Path);

    public static ApiRequest Parse(HttpRequest request)
    {
        var path = request.Path.Value ?? "/";
        var parts = path.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        var nonResource = new ApiRequest { Path = path, Verb = NonResourceVerb(request.Method) };
        int rest;
        string group;
        if (parts.Length >= 3 && parts[0] == "api")
        {
            (group, rest) = ("", 2);
        }
        else if (parts.Length >= 4 && parts[0] == "apis")
        {
            (group, rest) = (parts[1], 3);
        }
        else
        {
            return nonResource;
        }
        var version = parts[rest - 1];
        var watch = IsTrue(request.Query["watch"]);
        var segments = parts[rest..];
        if (segments[0] == "watch")
        {
            // The deprecated /watch/ path prefix still means a watch.
            watch = true;
            segments = segments[1..];
            if (segments.Length == 0)
            {
                return nonResource;
            }
        }
        var ns = "";
        if (segments[0] == "namespaces" && segments.Length > 1)
        {
            ns = segments[1];
            if (segments.Length > 2 && !NamespaceSubresources.Contains(segments[2]))
            {
                segments = segments[2..];
            }
        }
        var resource = segments[0];
        var name = segments.Length >= 2 ? segments[1] : "";
        var subresource = segments.Length >= 3 ? segments[2] : "";
        return new ApiRequest
        {
            Path = path,
            IsResourceRequest = true,
            Watch = watch,
            Group = group,
            Version = version,
            Namespace = ns,
            Resource = resource,
            Name = name,
            Subresource = subresource,
            Verb = ResourceVerb(request.Method, name.Length > 0, watch),
        };
    }

    public static bool IsTrue(string? value) => value is "1" or "t" or "T" or "true" or "TRUE" or "True";

    private static string ResourceVerb(string method, bool named, bool watch) => method switch
    {
        "GET" or "HEAD" => watch ? "watch" : named ? "get" : "list",
        "POST" => "create",
        "PUT" => "update",
        "PATCH" => "patch",
        "DELETE" => named ? "delete" : "deletecollection",
        _ => "",
    };

    private static string NonResourceVerb(string method) => method == "HEAD" ? "get" : method.ToLowerInvariant();
}
