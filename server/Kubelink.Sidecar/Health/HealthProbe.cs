using System.Net;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Kube;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// One health probe: <c>GET /readyz</c> straight over the cluster's transport (what the API server itself says about its
/// readiness), falling back to <c>/version</c> where <c>/readyz</c> is hidden (404) or not granted (403). The timeout runs
/// on the injected clock: it is what turns a silent black hole into a verdict.
/// </summary>
internal static class HealthProbe
{
    public static async Task<ProbeResult> RunAsync(HttpClient client, TimeProvider time, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            var ready = await StatusAsync(client, "readyz", linked.Token).ConfigureAwait(false);
            if (ready is HttpStatusCode.NotFound or HttpStatusCode.Forbidden)
            {
                var version = await StatusAsync(client, "version", linked.Token).ConfigureAwait(false);
                return version == HttpStatusCode.Forbidden && ready == HttpStatusCode.Forbidden
                    ? ProbeResult.Auth(FaultCause.Forbidden, "403 Forbidden on both /readyz and /version")
                    : Classify(version, "version");
            }

            return Classify(ready, "readyz");
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            return ProbeResult.Network(FaultCause.Timeout, $"no answer within {timeout.TotalSeconds:0.##} s");
        }
        catch (Exception e) when (e is InvalidOperationException or StreamJsonRpc.LocalRpcException)
        {
            // The credential source (an exec plugin, or an EKS token that cannot be made) failed before anything was
            // sent: a login problem, not the network.
            return ProbeResult.Auth(FaultCause.Credentials, e.Message) with { SsoProfile = (e as CredentialsFailed)?.SsoProfile };
        }
        catch (Exception e) when (e is HttpRequestException or IOException or ObjectDisposedException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var (cause, message) = NetworkErrors.Describe(e);
            return ProbeResult.Network(cause, message);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            // A probe is a verdict, never a crash: anything else a handler throws is a fault the monitor retries, where
            // an escaping exception would end the cluster's monitoring for good.
            var (cause, message) = NetworkErrors.Describe(e);
            return ProbeResult.Network(cause, message);
        }
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        return response.StatusCode;
    }

    private static ProbeResult Classify(HttpStatusCode status, string path) => (int)status switch
    {
        >= 200 and < 300 => ProbeResult.Healthy,
        401 => ProbeResult.Auth(FaultCause.Unauthorized, "401 Unauthorized"),
        403 => ProbeResult.Auth(FaultCause.Forbidden, $"403 Forbidden on /{path}"),
        _ => ProbeResult.Network(FaultCause.Http, $"/{path} answered {(int)status} {status}"),
    };
}
