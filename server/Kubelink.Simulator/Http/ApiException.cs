using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Http;

/// <summary>A failure that is answered as a Kubernetes <c>Status</c> object with the given code and reason.</summary>
internal sealed class ApiException(int code, string reason, string message, JsonObject? details = null) : Exception(message)
{
    public int Code { get; } = code;

    public string Reason { get; } = reason;

    public JsonObject? Details { get; } = details;

    public static ApiException NotFound(string resource, string name, string group = "") =>
        new(404, "NotFound", $"{Qualified(resource, group)} \"{name}\" not found", Detail(resource, name, group));

    public static ApiException AlreadyExists(string resource, string name, string group = "") =>
        new(409, "AlreadyExists", $"{Qualified(resource, group)} \"{name}\" already exists", Detail(resource, name, group));

    public static ApiException Conflict(string resource, string name, string group = "") =>
        new(409, "Conflict",
            $"Operation cannot be fulfilled on {Qualified(resource, group)} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Detail(resource, name, group));

    public static ApiException BadRequest(string message) => new(400, "BadRequest", message);

    public static ApiException Invalid(string kind, string name, string message, string group = "") =>
        new(422, "Invalid", $"{kind} \"{name}\" is invalid: {message}", Detail(kind, name, group));

    public static ApiException MethodNotAllowed(string message = "the server does not allow this method on the requested resource") =>
        new(405, "MethodNotAllowed", message);

    public static ApiException Expired(string message) => new(410, "Expired", message);

    public static ApiException Gone(string message) => new(410, "Gone", message);

    public static ApiException UnsupportedMediaType(string contentType, bool patch = false) =>
        new(415, "UnsupportedMediaType", patch
            ? $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json; got {contentType}"
            : $"the body of the request was in an unknown format - accepted media types include: application/json, application/vnd.kubernetes.protobuf; got {contentType}");

    private static string Qualified(string resource, string group) => group.Length == 0 ? resource : resource + "." + group;

    private static JsonObject Detail(string resource, string name, string group)
    {
        var details = new JsonObject { ["name"] = name };
        if (group.Length > 0)
        {
            details["group"] = group;
        }
        details["kind"] = resource;
        return details;
    }
}
