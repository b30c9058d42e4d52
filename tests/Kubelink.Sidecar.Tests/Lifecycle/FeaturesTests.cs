using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Sources;
using Kubelink.Sidecar.Tests.Sources;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Lifecycle;

/// <summary><c>initialize</c> lists the features the capability folders registered, and one per registered cluster source.</summary>
public sealed class FeaturesTests
{
    [Fact]
    public async Task Initialize_ListsRegisteredFeatures_AndTheKubeconfigSource()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();

        var result = await sidecar.InitializeAsync();

        Assert.Equal([SidecarFeatures.ClusterChanged, SidecarFeatures.GraphQL, "source.clusterAccess", "source.eks", "source.kubeconfig", "source.simulated"], result.Capabilities.Features);
    }

    [Fact]
    public async Task ASourceRegistration_AddsItsFeature_WithNothingElse()
    {
        await using var sidecar = await InMemorySidecar.StartAsync(services => services.AddClusterSource<InMemorySource>());

        var result = await sidecar.InitializeAsync();

        Assert.Contains("source.simulated", result.Capabilities.Features);
    }
}
