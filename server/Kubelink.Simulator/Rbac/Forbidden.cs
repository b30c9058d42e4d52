using System.Text.Json.Nodes;
using Kubelink.Simulator.Auth;
using Kubelink.Simulator.Http;

namespace Kubelink.Simulator.Rbac;

/// <summary>The 403 the API server answers, worded exactly as upstream's forbidden message.</summary>
internal static class Forbidden
{
    public static ApiException For(UserInfo user, AccessRequest request)
    {
        if (!request.IsResourceRequest)
        {
            return new ApiException(403, "Forbidden",
                $"forbidden: User \"{user.Name}\" cannot {request.Verb} path \"{request.Path}\"", []);
        }
        var scope = request.Namespace.Length > 0 ? $"in the namespace \"{request.Namespace}\"" : "at the cluster scope";
        var why = $"User \"{user.Name}\" cannot {request.Verb} resource \"{request.CombinedResource}\" in API group \"{request.ApiGroup}\" {scope}";
        var qualified = request.ApiGroup.Length == 0 ? request.Resource : request.Resource + "." + request.ApiGroup;
        var subject = request.Name.Length == 0 ? qualified : $"{qualified} \"{request.Name}\"";
        var details = new JsonObject();
        if (request.Name.Length > 0)
        {
            details["name"] = request.Name;
        }
        if (request.ApiGroup.Length > 0)
        {
            details["group"] = request.ApiGroup;
        }
        details["kind"] = request.Resource;
        return new ApiException(403, "Forbidden", $"{subject} is forbidden: {why}", details);
    }
}
