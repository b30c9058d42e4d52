using System.Text;
using System.Text.Json.Nodes;
using Kubelink.Sidecar.Simulated.Tunnel;

namespace Kubelink.Sidecar.Simulated.Rancher;

/// <summary>What one cluster's tunnels need to know of it, read again at every connect (its port may have moved).</summary>
internal sealed record TunnelTarget(Func<int> Port, string EndpointToken, string CaPem, string RegistrationToken);

/// <summary>
/// One cluster's two remotedialer tunnels to Rancher, each kept up by a <see cref="TunnelClient"/> (pings, sync, back-off):
/// the cluster-agent tunnel (<c>/v3/connect/register</c>, then <c>/v3/connect</c>, with <c>X-API-Tunnel-Token</c> and
/// <c>X-API-Tunnel-Params</c>), over which Rancher dials the cluster's endpoint; and the <c>stv-cluster</c> tunnel
/// (<c>/v3/connect</c>, <c>Authorization: Bearer stv-cluster-&lt;token&gt;</c>), over which Rancher's
/// <c>GET http://not-used/ping</c> reaches the agent's health answerer. Dials are allowed to the cluster's own endpoint
/// and, on the steve tunnel, to <c>not-used:80</c> (the health answerer); anything else gets an Error.
/// </summary>
internal sealed class RancherTunnels : IAsyncDisposable
{
    public const string ClusterTunnel = "cluster-agent";
    public const string SteveTunnel = "stv-cluster";

    /// <summary>Where Rancher's steve ping dials (remotedialer needs an address; Rancher uses this one).</summary>
    public const string SteveAddress = "not-used:80";

    private readonly CancellationTokenSource _stop = new();
    private readonly Dictionary<string, (string State, string? Reason)> _states = new(StringComparer.Ordinal)
    {
        [ClusterTunnel] = ("connecting", null),
        [SteveTunnel] = ("connecting", null),
    };
    private readonly TunnelClient[] _clients;
    private Task[] _runs = [];

    public RancherTunnels(RancherSettings settings, TunnelTarget target, string healthAddress, TimeProvider time)
    {
        string Address() => $"127.0.0.1:{target.Port()}";
        bool Trusted(object _, System.Security.Cryptography.X509Certificates.X509Certificate? certificate, System.Security.Cryptography.X509Certificates.X509Chain? __, System.Net.Security.SslPolicyErrors errors) =>
            settings.ValidatesServer(certificate, errors);
        var cluster = new TunnelClient(
            settings.Tunnel("v3/connect/register"),
            () => new Dictionary<string, string> { ["X-API-Tunnel-Token"] = target.RegistrationToken, ["X-API-Tunnel-Params"] = Params(Address(), target) },
            a => a == Address() ? a : null,
            time,
            new Random()) { ReconnectUrl = settings.Tunnel("v3/connect"), CertificateCheck = Trusted };
        var steve = new TunnelClient(
            settings.Tunnel("v3/connect"),
            () => new Dictionary<string, string> { ["Authorization"] = $"Bearer {SteveToken(target.RegistrationToken)}" },
            a => a == SteveAddress ? healthAddress : a == Address() ? a : null,
            time,
            new Random()) { CertificateCheck = Trusted };
        _clients = [cluster, steve];
        Watch(cluster, ClusterTunnel);
        Watch(steve, SteveTunnel);
    }

    /// <summary>Raised after any tunnel's state changed; read <see cref="Current"/> for the combined one.</summary>
    public event Action? Changed;

    /// <summary>Raised when a tunnel waits before reconnecting: the tunnel's name and the delay.</summary>
    public event Action<string, TimeSpan>? RetryScheduled;

    public static string SteveToken(string token) => $"stv-cluster-{token}";

    /// <summary><c>connected</c> when both are; <c>disconnected</c> with each broken tunnel's reason; else <c>connecting</c>.</summary>
    public (string State, string? Reason) Current
    {
        get
        {
            lock (_states)
            {
                if (_states.Values.All(s => s.State == "connected"))
                {
                    return ("connected", null);
                }
                var broken = _states.Where(s => s.Value.State == "disconnected").Select(s => $"{s.Key} tunnel: {s.Value.Reason}").ToList();
                return broken.Count > 0 ? ("disconnected", string.Join("; ", broken)) : ("connecting", null);
            }
        }
    }

    /// <summary>Starts both clients; after <see cref="DisposeAsync"/> (a deletion that won the race) it does nothing.</summary>
    public void Start()
    {
        lock (_clients)
        {
            if (!_stop.IsCancellationRequested)
            {
                var token = _stop.Token;
                _runs = _clients.Select(c => Task.Run(() => c.RunAsync(token))).ToArray();
            }
        }
    }

    /// <summary>The tunnel params: base64 JSON with the address Rancher dials, the token it presents and the CA it trusts.</summary>
    public static string Params(string address, TunnelTarget target)
    {
        var json = new JsonObject
        {
            ["cluster"] = new JsonObject
            {
                ["address"] = address,
                ["token"] = target.EndpointToken,
                ["caCert"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(target.CaPem)),
            },
        };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString()));
    }

    private void Watch(TunnelClient client, string name)
    {
        client.StateChanged += (state, reason) =>
        {
            lock (_states)
            {
                _states[name] = (state, reason);
            }
            Changed?.Invoke();
        };
        client.RetryScheduled += delay => RetryScheduled?.Invoke(name, delay);
    }

    public async ValueTask DisposeAsync()
    {
        Task[] runs;
        lock (_clients)
        {
            if (_stop.IsCancellationRequested)
            {
                return;
            }
            _stop.Cancel();
            runs = _runs;
        }
        await Task.WhenAll(runs).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}
