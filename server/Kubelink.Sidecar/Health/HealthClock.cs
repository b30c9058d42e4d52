namespace Kubelink.Sidecar.Health;

/// <summary>
/// Time and chance for the health monitors, injected on their own so a test can run the back-off schedule on a fake
/// clock with a seeded jitter while the rest of the sidecar (kubeconfig debounce, credential expiry) keeps real time.
/// </summary>
internal sealed record HealthClock(TimeProvider Time, Random Random)
{
    public static HealthClock System { get; } = new(TimeProvider.System, Random.Shared);
}
