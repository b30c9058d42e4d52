namespace Kubelink.Sidecar.Health;

/// <summary>
/// Exponential back-off with "equal jitter": attempt n waits between half and all of min(cap, initial·2ⁿ⁻¹). Half is
/// always waited, so a server that comes back is not hammered; the random half spreads the reconnects of many sidecars
/// (a whole team's laptops after an API server restart) instead of synchronising them.
/// </summary>
internal static class Backoff
{
    /// <summary>The ceiling of attempt <paramref name="attempt"/> (1-based) before jitter.</summary>
    public static TimeSpan Ceiling(int attempt, TimeSpan initial, TimeSpan cap)
    {
        // 2^30 × the smallest initial delay already exceeds any sensible cap; the clamp keeps the double finite.
        var exponent = Math.Clamp(attempt - 1, 0, 30);
        var ticks = initial.Ticks * Math.Pow(2, exponent);
        return ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>The wait before attempt <paramref name="attempt"/>: ceiling/2 + random(0 … ceiling/2).</summary>
    public static TimeSpan Delay(int attempt, HealthTiming timing, Random random)
    {
        var ceiling = Ceiling(attempt, timing.InitialDelay, timing.MaxDelay);
        var half = ceiling.Ticks / 2;
        return TimeSpan.FromTicks(half + (long)(random.NextDouble() * half));
    }
}
