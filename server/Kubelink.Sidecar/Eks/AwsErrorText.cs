namespace Kubelink.Sidecar.Eks;

/// <summary>
/// The user-facing words of an AWS error: AWS's code, message and request id as AWS gave them
/// ("AccessDeniedException: … (request id …)"), then what to do next for the codes a user can act on.
/// </summary>
internal static class AwsErrorText
{
    public static string Format(string? code, string? message, string? requestId, string during)
    {
        var id = string.IsNullOrEmpty(requestId) ? "" : $" (request id {requestId})";
        return $"{code ?? "UnknownError"}: {message?.TrimEnd('.')}{id}, {during}. {NextStep(code)}".TrimEnd();
    }

    private static string NextStep(string? code) => code switch
    {
        "AccessDeniedException" or "AccessDenied" => "Ask for the EKS permission (eks:ListClusters, eks:DescribeCluster) or use another profile.",
        "UnrecognizedClientException" or "InvalidClientTokenId" => "The access key id is not known to AWS: check it, or use another profile.",
        "InvalidSignatureException" or "SignatureDoesNotMatch" => "The secret access key does not match the key id (or the clock is off): re-enter it.",
        "ExpiredTokenException" or "ExpiredToken" => "The session token has expired: get new temporary keys, or log in again.",
        "ResourceNotFoundException" => "Check the cluster name and the region.",
        _ => "",
    };
}
