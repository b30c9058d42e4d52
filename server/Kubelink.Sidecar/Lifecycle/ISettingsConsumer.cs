using Kubelink.Protocol.Lifecycle;

namespace Kubelink.Sidecar.Lifecycle;

/// <summary>A capability that takes the client's settings from <c>initialize</c>.</summary>
internal interface ISettingsConsumer
{
    void Apply(SidecarSettings settings);
}
