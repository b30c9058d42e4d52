using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Lifecycle;

namespace Kubelink.Sidecar.Eks;

/// <summary>Whether kubeconfig users that exec <c>aws eks get-token</c> get the in-process token (setting <c>kubelink.eks.inProcessToken</c>, on by default).</summary>
internal sealed class EksExecSettings : ISettingsConsumer
{
    public bool Enabled { get; private set; } = true;

    public void Apply(SidecarSettings settings) => Enabled = settings.EksInProcessToken ?? true;
}
