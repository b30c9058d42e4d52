using System.Globalization;
using System.Security;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Aws;

/// <summary>
/// The simulated STS query API: <c>GetCallerIdentity</c> (header-signed or presigned, as EKS's token check calls it)
/// and <c>AssumeRole</c> (the admin user may assume the restricted role). XML answers, or JSON when the caller accepts
/// <c>application/json</c> as aws-iam-authenticator does.
/// </summary>
internal static class StsApi
{
    private const string Namespace = "https://sts.amazonaws.com/doc/2011-06-15/";

    public static Task HandleAsync(HttpContext context, AwsSimulator aws, AwsPrincipal caller, IReadOnlyDictionary<string, string> parameters)
    {
        var requestId = context.Response.Headers["x-amzn-RequestId"].ToString();
        switch (parameters.GetValueOrDefault("Action"))
        {
            case "GetCallerIdentity":
                if (context.Request.Headers.Accept.ToString().Contains("application/json", StringComparison.Ordinal))
                {
                    var result = new JsonObject { ["Account"] = AwsIdentities.Account, ["Arn"] = caller.Arn, ["UserId"] = caller.UserId };
                    var json = new JsonObject { ["GetCallerIdentityResponse"] = new JsonObject { ["GetCallerIdentityResult"] = result, ["ResponseMetadata"] = new JsonObject { ["RequestId"] = requestId } } };
                    context.Response.ContentType = "application/json";
                    return context.Response.WriteAsync(json.ToJsonString());
                }
                return Xml(context, "GetCallerIdentity", requestId,
                    $"<Arn>{SecurityElement.Escape(caller.Arn)}</Arn><UserId>{caller.UserId}</UserId><Account>{AwsIdentities.Account}</Account>");
            case "AssumeRole":
                return AssumeRoleAsync(context, aws, caller, parameters, requestId);
            default:
                return AwsErrors.Xml(context, 400, "InvalidAction", $"Could not find operation {parameters.GetValueOrDefault("Action")} for version 2011-06-15");
        }
    }

    private static Task AssumeRoleAsync(HttpContext context, AwsSimulator aws, AwsPrincipal caller, IReadOnlyDictionary<string, string> parameters, string requestId)
    {
        var role = parameters.GetValueOrDefault("RoleArn") ?? "";
        var session = parameters.GetValueOrDefault("RoleSessionName") ?? "";
        if (role != AwsIdentities.RestrictedRoleArn || caller.Arn != AwsIdentities.AdminArn)
        {
            return AwsErrors.Xml(context, 403, "AccessDenied", $"User: {caller.Arn} is not authorized to perform: sts:AssumeRole on resource: {role}");
        }
        var seconds = int.TryParse(parameters.GetValueOrDefault("DurationSeconds"), out var s) ? s : 3600;
        var issued = aws.Identities.IssueSession(role, session, TimeSpan.FromSeconds(seconds));
        var credentials = $"<Credentials><AccessKeyId>{issued.AccessKeyId}</AccessKeyId><SecretAccessKey>{issued.SecretAccessKey}</SecretAccessKey>" +
            $"<SessionToken>{issued.SessionToken}</SessionToken><Expiration>{issued.Expires!.Value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)}</Expiration></Credentials>";
        var user = $"<AssumedRoleUser><AssumedRoleId>{issued.UserId}</AssumedRoleId><Arn>{SecurityElement.Escape(issued.Arn)}</Arn></AssumedRoleUser>";
        return Xml(context, "AssumeRole", requestId, credentials + user);
    }

    private static Task Xml(HttpContext context, string action, string requestId, string result)
    {
        context.Response.ContentType = "text/xml";
        return context.Response.WriteAsync(
            $"<{action}Response xmlns=\"{Namespace}\"><{action}Result>{result}</{action}Result>" +
            $"<ResponseMetadata><RequestId>{requestId}</RequestId></ResponseMetadata></{action}Response>");
    }
}
