using Kubelink.Protocol.Lifecycle;

namespace Kubelink.Sidecar.Lifecycle;

/// <summary>
/// The smallest value each timing setting may take (the contract's doc comments name them). A smaller value would make
/// a probe loop or a refresh spin; it is raised to the floor, and <see cref="Raised"/> says so, so that the log shows why
/// the sidecar does not do what the setting asked (issue 11 item 12). The consumers read the same constants.
/// </summary>
internal static class SettingFloors
{
    public const int ClusterRefreshIntervalSeconds = 1;
    public const double HealthProbeIntervalSeconds = 0.05;
    public const double HealthProbeTimeoutSeconds = 0.05;
    public const double ReconnectInitialDelaySeconds = 0.01;
    public const double ReconnectMaxDelaySeconds = 0.05;

    /// <summary>One line per setting that is below its floor (or not a finite number) and will not be used as given.</summary>
    public static IEnumerable<string> Raised(SidecarSettings settings)
    {
        (string Name, double? Value, double Floor)[] checks =
        [
            (nameof(settings.ClusterRefreshIntervalSeconds), settings.ClusterRefreshIntervalSeconds, ClusterRefreshIntervalSeconds),
            (nameof(settings.HealthProbeIntervalSeconds), settings.HealthProbeIntervalSeconds, HealthProbeIntervalSeconds),
            (nameof(settings.HealthProbeTimeoutSeconds), settings.HealthProbeTimeoutSeconds, HealthProbeTimeoutSeconds),
            (nameof(settings.ReconnectInitialDelaySeconds), settings.ReconnectInitialDelaySeconds, ReconnectInitialDelaySeconds),
            (nameof(settings.ReconnectMaxDelaySeconds), settings.ReconnectMaxDelaySeconds, ReconnectMaxDelaySeconds),
        ];
        foreach (var (name, value, floor) in checks)
        {
            if (value is { } v && !double.IsFinite(v))
            {
                yield return $"The setting {name} is {v}, not a number of seconds; the default is used.";
            }
            else if (value < floor)
            {
                yield return $"The setting {name} is {value} s, below its minimum of {floor} s; {floor} s is used.";
            }
        }
    }
}
