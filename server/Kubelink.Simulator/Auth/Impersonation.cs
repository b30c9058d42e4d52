using Kubelink.Simulator.Http;
using Kubelink.Simulator.Rbac;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Auth;

/// <summary>
/// <c>Impersonate-User</c> / <c>Impersonate-Group</c> headers (<c>kubectl --as</c>, <c>--as-group</c>): the caller
/// needs the <c>impersonate</c> verb on <c>users</c> (and <c>groups</c>, or <c>serviceaccounts</c> for
/// <c>system:serviceaccount:NS:NAME</c>), then the request runs as the impersonated identity.
/// </summary>
internal static class Impersonation
{
    public static UserInfo Apply(HttpContext context, UserInfo caller, RbacAuthorizer authorizer)
    {
        var user = context.Request.Headers["Impersonate-User"].ToString();
        var groups = context.Request.Headers["Impersonate-Group"].Where(g => !string.IsNullOrEmpty(g)).Select(g => g!).ToList();
        if (user.Length == 0)
        {
            if (groups.Count > 0)
            {
                throw ApiException.BadRequest("impersonating groups requires impersonating a user (Impersonate-User)");
            }
            return caller;
        }
        Require(caller, authorizer, UserRequest(user));
        foreach (var group in groups)
        {
            Require(caller, authorizer, new AccessRequest("impersonate", "", "groups", Name: group));
        }
        return UserInfo.Of(user, groups);
    }

    private static AccessRequest UserRequest(string user)
    {
        const string prefix = "system:serviceaccount:";
        if (user.StartsWith(prefix, StringComparison.Ordinal) && user[prefix.Length..].Split(':') is [var ns, var name])
        {
            return new AccessRequest("impersonate", "", "serviceaccounts", "", ns, name);
        }
        return new AccessRequest("impersonate", "", "users", Name: user);
    }

    private static void Require(UserInfo caller, RbacAuthorizer authorizer, AccessRequest request)
    {
        if (!authorizer.Authorize(caller, request).Allowed)
        {
            throw Forbidden.For(caller, request);
        }
    }
}
