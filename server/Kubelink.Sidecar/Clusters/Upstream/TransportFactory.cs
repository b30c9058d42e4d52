namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>
/// The one place an upstream transport is built from a connection target, for activation and reconnect alike: the
/// handler from the target's server, TLS and proxy, the credential provider from its spec.
/// </summary>
internal sealed class TransportFactory(TimeProvider time, IServiceProvider services)
{
    public UpstreamTransport Create(ConnectionTarget target) =>
        UpstreamTransport.Create(target, target.Credentials.CreateSource(new CredentialContext(time, services)));
}
