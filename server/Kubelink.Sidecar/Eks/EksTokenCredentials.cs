using Kubelink.Protocol.Eks;
using Kubelink.Sidecar.Clusters.Upstream;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// An EKS cluster's credential as a value: which AWS credentials (a profile, typed keys or the default chain), the
/// region and the cluster name the token is bound to. New typed keys or another profile make the target differ, so a
/// connected cluster reconnects with them. A null region takes the profile's (a recognised <c>aws eks get-token</c> exec without <c>--region</c>). <see cref="CredentialSpec.ToString"/> prints the type name only.
/// </summary>
internal sealed record EksTokenCredentials(EksCredentials Credentials, string? Region, string Cluster) : CredentialSpec
{
    public override CredentialSource CreateSource(CredentialContext context) =>
        new EksTokenSource(this, context.Services.GetRequiredService<AwsCredentialResolver>(), context.Services.GetRequiredService<AwsEnvironment>(),
            context.Time, context.Services.GetRequiredService<ILogger<EksTokenSource>>());
}
