using System.Security.Cryptography;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Clusters;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Proxy;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// One reconnect attempt: a new transport (fresh connections; the old pool, and every watch on it, is disposed), the
/// proxy route pointed at it with its token unchanged (kubectl's proxy kubeconfig keeps working), then the quick checks
/// over it. Only the monitor's loop calls this, which is what makes reconnects single-flight.
/// </summary>
internal sealed class Reconnector(ProxyRoutes routes, TransportFactory transports, HealthClock clock)
{
    public async Task<ProbeResult> AttemptAsync(ClusterSession session, HealthTiming timing, CancellationToken cancellationToken)
    {
        try
        {
            var transport = session.RenewTransport(transports.Create);
            routes.Find(session.Id)?.Swap(transport);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or CryptographicException)
        {
            return ProbeResult.Network(FaultCause.Kubeconfig, $"its credentials cannot be loaded ({e.Message}). Fix the certificate or key of the entry; Kubelink retries after every edit.");
        }

        using var client = session.CreateClient();
        var result = await HealthProbe.RunAsync(client, clock.Time, timing.Timeout, cancellationToken).ConfigureAwait(false);
        if (result.IsHealthy)
        {
            // The server may have been upgraded while it was away: what the cluster reports must be what now runs.
            await RefreshVersionAsync(session, client, timing, cancellationToken).ConfigureAwait(false);
        }

        return result;
    }

    private async Task RefreshVersionAsync(ClusterSession session, HttpClient client, HealthTiming timing, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timing.Timeout, clock.Time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        try
        {
            using var response = await client.GetAsync("version", linked.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync(linked.Token).ConfigureAwait(false));
                if (body?["gitVersion"]?.GetValue<string>() is { } version)
                {
                    session.State.VersionRead(version);
                }
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or System.Text.Json.JsonException || e is OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // The readiness probe just passed; a version that cannot be read now is refreshed by the metadata loop later.
        }
    }
}
