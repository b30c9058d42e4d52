namespace Kubelink.Sidecar.Eks;

/// <summary>
/// An AWS failure as the user should see it: an <see cref="Protocol.ErrorCodes"/> code and a message that keeps AWS's
/// own error code, message and request id, then a next step. <see cref="Profile"/> names the profile an SSO login is for.
/// </summary>
internal sealed class AwsException(int code, string message, string? profile = null, Exception? inner = null) : Exception(message, inner)
{
    public int Code { get; } = code;

    public string? Profile { get; } = profile;
}
