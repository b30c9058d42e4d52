using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Storage;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Http;

/// <summary>
/// <c>POST …/serviceaccounts/{name}/token</c> (TokenRequest, what <c>kubectl create token</c> calls): mints a bearer token for
/// <c>system:serviceaccount:{ns}:{name}</c> in the service-account groups, so RBAC bindings to a service account apply to it.
/// </summary>
internal static class TokenRequestHandler
{
    public static async Task CreateAsync(SimulatorCore core, HttpContext context, ApiRequest request)
    {
        if (core.Store.Get(new StorageKey("", "serviceaccounts"), request.Namespace, request.Name) is null)
        {
            throw ApiException.NotFound("serviceaccounts", request.Name);
        }
        var body = await RequestBody.ReadObjectAsync(context);
        var seconds = body["spec"]?["expirationSeconds"]?.GetValue<long>() ?? 3600;
        var token = core.Users.AddToken($"system:serviceaccount:{request.Namespace}:{request.Name}",
            ["system:serviceaccounts", $"system:serviceaccounts:{request.Namespace}", "system:authenticated"]);
        body["apiVersion"] = "authentication.k8s.io/v1";
        body["kind"] = "TokenRequest";
        body["metadata"] = new JsonObject { ["name"] = request.Name, ["namespace"] = request.Namespace, ["creationTimestamp"] = JsonBytes.Timestamp(DateTimeOffset.UtcNow) };
        body["status"] = new JsonObject { ["token"] = token, ["expirationTimestamp"] = JsonBytes.Timestamp(DateTimeOffset.UtcNow.AddSeconds(seconds)) };
        await Responses.Json(context, 201, body);
    }
}
