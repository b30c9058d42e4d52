using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Aws;

/// <summary>
/// The simulated SSO portal's <c>GetRoleCredentials</c> (<c>GET /federation/credentials</c>): an access token a test
/// wrote into an SSO cache (<see cref="AwsIdentities.AddSsoToken"/>) buys temporary credentials of the restricted role.
/// </summary>
internal static class SsoApi
{
    public static Task HandleAsync(HttpContext context, AwsSimulator aws)
    {
        if (!aws.Identities.IsSsoToken(context.Request.Headers["x-amz-sso_bearer_token"].ToString()))
        {
            return AwsErrors.Json(context, 401, "UnauthorizedException", "Session token not found or invalid");
        }
        var role = context.Request.Query["role_name"].ToString();
        if (role != AwsIdentities.RestrictedRoleArn.Split('/')[^1] || context.Request.Query["account_id"] != AwsIdentities.Account)
        {
            return AwsErrors.Json(context, 403, "ForbiddenException", "No access");
        }
        var issued = aws.Identities.IssueSession(AwsIdentities.RestrictedRoleArn, "sso-user", TimeSpan.FromHours(1));
        var body = new JsonObject
        {
            ["roleCredentials"] = new JsonObject
            {
                ["accessKeyId"] = issued.AccessKeyId,
                ["secretAccessKey"] = issued.SecretAccessKey,
                ["sessionToken"] = issued.SessionToken,
                ["expiration"] = issued.Expires!.Value.ToUnixTimeMilliseconds(),
            },
        };
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }
}
