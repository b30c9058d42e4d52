using Kubelink.Protocol.Lifecycle;
using Kubelink.Sidecar.Lifecycle;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// The health settings as durations. Missing, non-finite or too small values fall back to the default or the floor the
/// contract names (<see cref="SettingFloors"/>, which logs each), so a typo in the user's settings can never make a probe loop spin or stop.
/// </summary>
internal sealed record HealthTiming(TimeSpan Interval, TimeSpan Timeout, TimeSpan InitialDelay, TimeSpan MaxDelay)
{
    public static HealthTiming Default { get; } = From(new SidecarSettings());

    public static HealthTiming From(SidecarSettings settings)
    {
        var initial = Seconds(settings.ReconnectInitialDelaySeconds, 0.5, SettingFloors.ReconnectInitialDelaySeconds);
        var max = Seconds(settings.ReconnectMaxDelaySeconds, 30, SettingFloors.ReconnectMaxDelaySeconds);
        return new HealthTiming(
            Seconds(settings.HealthProbeIntervalSeconds, 5, SettingFloors.HealthProbeIntervalSeconds),
            Seconds(settings.HealthProbeTimeoutSeconds, 3, SettingFloors.HealthProbeTimeoutSeconds),
            initial,
            max < initial ? initial : max);
    }

    /// <summary>
    /// A tick later than this (wall clock) means the machine slept: a busy machine delays a timer by seconds, a laptop lid
    /// by minutes. After a sleep every pooled connection is suspect, so the transport is renewed instead of probed.
    /// </summary>
    public TimeSpan SleepGap => Interval + Timeout + TimeSpan.FromSeconds(30);

    private static TimeSpan Seconds(double? value, double fallback, double floor) =>
        TimeSpan.FromSeconds(value is { } v && double.IsFinite(v) ? Math.Max(v, floor) : fallback);
}
