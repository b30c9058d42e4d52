using Amazon.Runtime;
using Kubelink.Protocol;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// Gets the current keys from the SDK's credentials object and words its failures for the user: an expired or missing
/// SSO session names the profile and <c>aws sso login</c>; an STS refusal of an assume-role keeps AWS's code and request
/// id; a failing <c>credential_process</c> or an unusable profile says which.
/// </summary>
internal static class AwsCredentialFetch
{
    public static async Task<ImmutableCredentials> GetAsync(AwsContext context, CancellationToken cancellationToken)
    {
        try
        {
            var credentials = await context.Credentials.GetCredentialsAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            return credentials ?? throw new AwsException(ErrorCodes.AwsCredentialsMissing, $"The {context.Label} gave no credentials.");
        }
        catch (AmazonServiceException ex) when (IsSsoProfile(context) && ex.ErrorCode == "UnauthorizedException")
        {
            // The SSO portal refused the cached access token (it ended on the server before its cached expiry, or was
            // revoked): the same fix as an expired cache, with AWS's own words kept.
            throw SsoLoginRequired(context, $" (AWS said {AwsErrorText.Format(ex.ErrorCode, ex.Message, ex.RequestId, "while getting the role's credentials").TrimEnd()})", ex);
        }
        catch (AmazonServiceException ex)
        {
            throw new AwsException(ErrorCodes.AwsError, AwsErrorText.Format(ex.ErrorCode, ex.Message, ex.RequestId, $"while getting credentials from the {context.Label}"), context.Profile?.Name, ex);
        }
        catch (Exception ex) when (ex is not OperationCanceledException and not AwsException)
        {
            if (IsSso(context, ex))
            {
                throw SsoLoginRequired(context, "", ex);
            }
            throw new AwsException(ErrorCodes.AwsCredentialsMissing, $"The {context.Label} could not give credentials: {ex.Message}", context.Profile?.Name, ex);
        }
    }

    private static AwsException SsoLoginRequired(AwsContext context, string detail, Exception inner)
    {
        var name = context.Profile!.Name;
        return new AwsException(ErrorCodes.AwsSsoLoginRequired,
            $"The SSO session of AWS profile '{name}' has expired or was never started. Run 'aws sso login --profile {name}', then retry.{detail}", name, inner);
    }

    private static bool IsSsoProfile(AwsContext context) =>
        context.Profile?.Options is { } options && (options.SsoSession is not null || options.SsoStartUrl is not null);

    private static bool IsSso(AwsContext context, Exception ex) =>
        IsSsoProfile(context)
        && (ex.Message.Contains("SSO", StringComparison.OrdinalIgnoreCase) || ex.InnerException?.Message.Contains("SSO", StringComparison.OrdinalIgnoreCase) == true);
}
