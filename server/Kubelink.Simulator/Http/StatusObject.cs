using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Http;

/// <summary>Builds <c>meta/v1 Status</c> objects exactly as the API server shapes them.</summary>
internal static class StatusObject
{
    public static JsonObject Failure(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Failure",
            ["message"] = message,
        };
        if (reason.Length > 0)
        {
            status["reason"] = reason;
        }
        if (details is not null)
        {
            status["details"] = details;
        }
        status["code"] = code;
        return status;
    }

    public static JsonObject From(ApiException error) => Failure(error.Code, error.Reason, error.Message, error.Details?.DeepClone().AsObject());

    public static JsonObject Success(JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = "Success",
        };
        if (details is not null)
        {
            status["details"] = details;
        }
        return status;
    }
}
