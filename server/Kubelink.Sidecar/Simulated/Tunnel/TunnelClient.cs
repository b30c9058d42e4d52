using System.Net.Security;
using System.Net.WebSockets;

namespace Kubelink.Sidecar.Simulated.Tunnel;

/// <summary>
/// One tunnel kept up: connect (headers as the tunnel kind needs them), run a <see cref="TunnelSession"/>, and after any
/// end reconnect with jittered exponential back-off (the real agent retries every 10 s flat, which synchronises every
/// agent behind a restarted Rancher). A session that got connected resets the back-off. Headers are asked for at every
/// attempt (the cluster's address is in them, and its port may have moved); after the first session the client dials
/// <see cref="ReconnectUrl"/> when one is set (Rancher's <c>/v3/connect/register</c> → <c>/v3/connect</c>).
/// </summary>
internal sealed class TunnelClient(Uri url, Func<IReadOnlyDictionary<string, string>> headers, Func<string, string?> route, TimeProvider time, Random random)
{
    public TunnelClient(Uri url, IReadOnlyDictionary<string, string> headers, Func<string, bool> allowed, TimeProvider time, Random random)
        : this(url, () => headers, address => allowed(address) ? address : null, time, random)
    {
    }

    /// <summary>Where to connect once a session has been up (null: <c>url</c> again).</summary>
    public Uri? ReconnectUrl { get; init; }

    /// <summary>The server certificate check of a wss URL (a private CA); null: the system trust store.</summary>
    public RemoteCertificateValidationCallback? CertificateCheck { get; init; }

    public static readonly TimeSpan InitialDelay = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(5);

    /// <summary><c>connecting</c>, <c>connected</c> or <c>disconnected</c> with the reason (what <c>GET /clusters/{name}</c> shows).</summary>
    public event Action<string, string?>? StateChanged;

    /// <summary>Raised once the wait before the next attempt has started (logs; tests advance their clock by it).</summary>
    public event Action<TimeSpan>? RetryScheduled;

    /// <summary>The wait before attempt <paramref name="attempt"/> (1-based): half the ceiling plus a random half.</summary>
    public static TimeSpan Delay(int attempt, Random random)
    {
        var ceiling = Health.Backoff.Ceiling(attempt, InitialDelay, MaxDelay);
        return ceiling / 2 + ceiling / 2 * random.NextDouble();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var attempt = 0;
        var target = url;
        while (!cancellationToken.IsCancellationRequested)
        {
            StateChanged?.Invoke("connecting", null);
            string reason;
            try
            {
                using var socket = new ClientWebSocket();
                // Pings every 5 s; no KeepAliveTimeout: Rancher answers with empty pongs, which .NET's timeout would reject.
                socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(5);
                if (CertificateCheck is { } check)
                {
                    socket.Options.RemoteCertificateValidationCallback = check;
                }
                foreach (var (name, value) in headers())
                {
                    socket.Options.SetRequestHeader(name, value);
                }
                await socket.ConnectAsync(target, cancellationToken).ConfigureAwait(false);
                attempt = 0;
                target = ReconnectUrl ?? url;
                StateChanged?.Invoke("connected", null);
                await new TunnelSession(socket, route, time).RunAsync(cancellationToken).ConfigureAwait(false);
                reason = "the server ended the session";
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Whatever ended the session (a 401, a dropped link, garbage, a socket aborted mid-receive), the tunnel must
                // come back: an exception escaping here would leave it down for good with a stale state.
                reason = e.Message;
            }
            attempt++;
            var delay = Delay(attempt, random);
            StateChanged?.Invoke("disconnected", reason);
            var wait = Task.Delay(delay, time, cancellationToken);
            RetryScheduled?.Invoke(delay);
            try
            {
                await wait.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
