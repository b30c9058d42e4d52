using Kubelink.Protocol;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>
/// Gets the credentials before the first request, as a stage of its own. Run inside that request instead, a hung exec
/// plugin was reported as "the API server did not answer within 15 s" and left running; here its own time limit and its
/// own message apply, and a token file that cannot be read is named as such.
/// </summary>
internal static class CredentialPreflight
{
    /// <returns>Null when the credentials are ready; else the error code and the message for the user.</returns>
    public static async Task<(int Code, string Message)?> RunAsync(CredentialSource credentials, Func<string, Task> stage, CancellationToken cancellationToken)
    {
        try
        {
            if (credentials is ExecCredentialPlugin plugin)
            {
                await stage($"Running the credential plugin '{plugin.Command}' (up to {plugin.TimeLimit.TotalSeconds:0} s)…").ConfigureAwait(false);
            }

            await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (LocalRpcException e)
        {
            return (e.ErrorCode, e.Message);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return (ErrorCodes.ClusterInvalid, $"The kubeconfig's credentials cannot be loaded: {e.Message} Fix the path in the kubeconfig and reconnect.");
        }
    }
}
