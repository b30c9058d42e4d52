using Kubelink.Sidecar.ClusterAccess;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Kubeconfig;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// The cluster every simulated cluster lives in, described by a kubeconfig (the embedded simulator writes one too, so both
/// kinds of main cluster take the same path). Owns one pooled upstream transport: the agent's own calls and every
/// cluster endpoint's forwarded requests share it.
/// </summary>
internal sealed class MainCluster : IDisposable
{
    private static readonly IServiceProvider NoServices = new ServiceCollection().BuildServiceProvider();

    private MainCluster(UpstreamTransport transport)
    {
        Transport = transport;
        Http = transport.CreateDirectClient();
        Http.Timeout = TimeSpan.FromSeconds(30);
        Api = new MainApi(Http);
    }

    public UpstreamTransport Transport { get; }

    public HttpClient Http { get; }

    public MainApi Api { get; }

    public Uri Server => Transport.Server;

    /// <summary>Opens the kubeconfig's current context; a broken file throws with the reason.</summary>
    public static MainCluster Open(string kubeconfigPath, TimeProvider time)
    {
        var context = KubeConnection.FromKubeconfig(kubeconfigPath, File.ReadAllText(kubeconfigPath), null);
        var target = KubeconfigTargets.From(context);
        return new MainCluster(UpstreamTransport.Create(target, target.Credentials.CreateSource(new CredentialContext(time, NoServices))));
    }

    /// <summary>Throws unless the main cluster answers <c>/readyz</c>: the agent says so at start instead of failing every cluster.</summary>
    public async Task CheckAsync(CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync("readyz", cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new MainApiException(response.StatusCode, $"the main cluster at {Server} answered /readyz with {(int)response.StatusCode}");
        }
    }

    public void Dispose()
    {
        Http.Dispose();
        Transport.Dispose();
    }
}
