using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Kubelink.Sidecar.Tests.Simulated.Tunnel;

namespace Kubelink.Sidecar.Tests.Simulated.Rancher;

/// <summary>The tunnel params an agent sent: the address Rancher dials, the token it presents and the CA it trusts.</summary>
internal sealed record TunnelParams(string Address, string Token, string CaPem)
{
    /// <summary>Decodes <c>X-API-Tunnel-Params</c>; the error text is what Rancher's authoriser answers with (HTTP 400).</summary>
    public static TunnelParams Parse(string? header)
    {
        if (string.IsNullOrEmpty(header))
        {
            throw new FormatException("missing X-API-Tunnel-Params");
        }
        var cluster = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(header)))?["cluster"]
            ?? throw new FormatException("tunnel params have no cluster");
        var address = cluster["address"]?.ToString();
        var token = cluster["token"]?.ToString();
        var ca = cluster["caCert"]?.ToString();
        if (string.IsNullOrEmpty(address) || string.IsNullOrEmpty(token) || string.IsNullOrEmpty(ca))
        {
            throw new FormatException("tunnel params need cluster.address, cluster.token and cluster.caCert");
        }
        return new TunnelParams(address, token, Encoding.UTF8.GetString(Convert.FromBase64String(ca)));
    }
}

/// <summary>
/// One imported cluster in the fake Rancher: its registration token, the latest session of each tunnel, and what Rancher's
/// own checks saw through them. Once the cluster-agent tunnel is up, Rancher dials <c>tcp/&lt;address&gt;</c> through it,
/// speaks TLS checked against the CA of the tunnel params and calls <c>/readyz</c> with the params' token; once the steve
/// tunnel is up it sends <c>GET http://not-used/ping</c> through it. Connected = both answered 200.
/// </summary>
internal sealed class FakeRancherCluster(string id, string name, string registrationToken)
{
    public string Id { get; } = id;

    public string Name { get; } = name;

    public string RegistrationToken { get; } = registrationToken;

    public bool Deleted { get; set; }

    public TunnelParams? Params { get; set; }

    /// <summary>The path of every cluster-agent upgrade, in order (<c>/v3/connect/register</c> first, then <c>/v3/connect</c>).</summary>
    public List<string> AgentPaths { get; } = [];

    public RemotedialerServer? Agent { get; set; }

    public RemotedialerServer? Steve { get; set; }

    /// <summary>Each automatic check's result: <c>readyz 200 ok</c>, <c>ping 200 pong</c>, or the failure.</summary>
    public Channel<string> Checks { get; } = Channel.CreateUnbounded<string>();

    /// <summary>Rancher's <c>/readyz</c> through the cluster-agent tunnel: TLS verified against the params' CA, bearer token.</summary>
    public async Task<(int Status, string Body)> ReadyzAsync()
    {
        var session = Agent ?? throw new InvalidOperationException("no cluster-agent tunnel");
        var tunnel = Params!;
        using var ca = X509Certificate2.CreateFromPem(tunnel.CaPem);
        using var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, _) => (await session.DialAsync(tunnel.Address)).Stream,
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = (_, certificate, _, errors) => TrustedBy(ca, certificate, errors) },
        };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"https://{tunnel.Address}/readyz");
        request.Headers.Authorization = new("Bearer", tunnel.Token);
        using var response = await http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Rancher's steve check: <c>GET http://not-used/ping</c> through the stv-cluster tunnel.</summary>
    public async Task<(int Status, string Body)> PingAsync()
    {
        var session = Steve ?? throw new InvalidOperationException("no stv-cluster tunnel");
        using var handler = new SocketsHttpHandler { ConnectCallback = async (context, _) => (await session.DialAsync($"{context.DnsEndPoint.Host}:{context.DnsEndPoint.Port}")).Stream };
        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.GetAsync("http://not-used/ping");
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Runs one check as Rancher does after a session comes up, and reports it on <see cref="Checks"/>.</summary>
    public async Task CheckAsync(string what, Func<Task<(int Status, string Body)>> check)
    {
        try
        {
            var (status, body) = await check();
            Checks.Writer.TryWrite($"{what} {status} {body.Trim()}");
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or TaskCanceledException)
        {
            Checks.Writer.TryWrite($"{what} failed: {e.Message}");
        }
    }

    /// <summary>Chain to the given CA only, and the name must match (what Rancher's transport checks).</summary>
    private static bool TrustedBy(X509Certificate2 ca, X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch))
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        using var leaf = new X509Certificate2(certificate);
        return chain.Build(leaf);
    }
}
