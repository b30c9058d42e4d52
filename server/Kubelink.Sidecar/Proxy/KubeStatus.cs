using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Sidecar.Proxy;

/// <summary>Errors the proxy itself answers, as Kubernetes <c>Status</c> objects so kubectl prints them as it would the server's.</summary>
internal static class KubeStatus
{
    /// <summary>Set on proxy-made failures, so the activation can tell "the proxy could not reach the cluster" from "the cluster said no".</summary>
    public const string CauseHeader = "X-Kubelink-Cause";

    public static Task WriteAsync(HttpContext context, int code, string reason, string message, string? cause = null)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "application/json";
        if (cause is not null)
        {
            context.Response.Headers[CauseHeader] = cause;
        }

        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        return context.Response.WriteAsync(status.ToJsonString());
    }
}
