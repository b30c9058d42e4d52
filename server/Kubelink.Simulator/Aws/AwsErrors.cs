using System.Security;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Aws;

/// <summary>
/// AWS's error shapes: REST-JSON for EKS and SSO (status, <c>x-amzn-ErrorType</c>, <c>{"__type","message"}</c>) and
/// query XML for STS (<c>ErrorResponse/Error/Code</c>), each with a request id, so clients parse them as they parse AWS's.
/// </summary>
internal static class AwsErrors
{
    public static (int Status, string Code) ForJson(AwsAuthFailure failure) => failure switch
    {
        AwsAuthFailure.Missing => (403, "MissingAuthenticationTokenException"),
        AwsAuthFailure.Incomplete => (400, "IncompleteSignatureException"),
        AwsAuthFailure.UnknownKey => (403, "UnrecognizedClientException"),
        AwsAuthFailure.ExpiredToken => (403, "ExpiredTokenException"),
        _ => (403, "InvalidSignatureException"),
    };

    public static (int Status, string Code) ForQuery(AwsAuthFailure failure) => failure switch
    {
        AwsAuthFailure.Missing => (403, "MissingAuthenticationToken"),
        AwsAuthFailure.Incomplete => (400, "IncompleteSignature"),
        AwsAuthFailure.UnknownKey => (403, "InvalidClientTokenId"),
        AwsAuthFailure.ExpiredToken => (400, "ExpiredToken"),
        _ => (403, "SignatureDoesNotMatch"),
    };

    public static Task Json(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.Headers["x-amzn-ErrorType"] = code + ":http://internal.amazon.com/coral/com.amazonaws.eks/";
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(new JsonObject { ["__type"] = code, ["message"] = message }.ToJsonString());
    }

    public static Task Xml(HttpContext context, int status, string code, string message)
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/xml";
        var type = status >= 500 ? "Receiver" : "Sender";
        var requestId = context.Response.Headers["x-amzn-RequestId"].ToString();
        return context.Response.WriteAsync(
            $"<ErrorResponse xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\"><Error><Type>{type}</Type><Code>{code}</Code>" +
            $"<Message>{SecurityElement.Escape(message)}</Message></Error><RequestId>{requestId}</RequestId></ErrorResponse>");
    }
}
