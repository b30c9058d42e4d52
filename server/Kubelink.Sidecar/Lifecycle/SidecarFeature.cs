using System.Text.Json;
using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Sources;
using Microsoft.Extensions.DependencyInjection;

namespace Kubelink.Sidecar.Lifecycle;

/// <summary>
/// One name in <c>initialize</c>'s <see cref="ServerCapabilities.Features"/>. A capability folder registers its own with
/// <see cref="SidecarFeatureRegistration.AddFeature"/>; cluster sources are listed without registering anything, so a
/// new source's menus light up in the extension by the source's registration alone.
/// </summary>
internal sealed record SidecarFeature(string Name);

internal static class SidecarFeatureRegistration
{
    public static IServiceCollection AddFeature(this IServiceCollection services, string name) => services.AddSingleton(new SidecarFeature(name));

    /// <summary>Every registered feature and one per registered cluster source kind, sorted and without repeats.</summary>
    public static IReadOnlyList<string> Features(IServiceProvider services) =>
        services.GetServices<SidecarFeature>().Select(f => f.Name)
            .Concat(services.GetServices<IClusterSource>().Select(s => SidecarFeatures.Source(JsonNamingPolicy.CamelCase.ConvertName(s.Kind.ToString()))))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
}
