namespace Kubelink.Sidecar.Tests.TestSupport;

/// <summary>
/// Finds the processes a test started, however deep in the tree and even after re-parenting: each inherits an
/// environment variable with the test's own marker, read from /proc/PID/environ. Zombies (already killed, not yet reaped
/// by init) count as gone.
/// </summary>
public sealed class MarkedProcesses
{
    public const string Variable = "KUBELINK_TEST_MARKER";

    public string Marker { get; } = Guid.NewGuid().ToString("N");

    /// <summary>The pids alive now that carry the marker.</summary>
    public IReadOnlyList<int> Alive()
    {
        var needle = System.Text.Encoding.ASCII.GetBytes($"{Variable}={Marker}\0");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }

            try
            {
                if (File.ReadAllBytes(Path.Combine(dir, "environ")).AsSpan().IndexOf(needle) >= 0 && !IsZombie(dir))
                {
                    found.Add(pid);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Ended while we looked, or not ours.
            }
        }

        return found;
    }

    private static bool IsZombie(string dir)
    {
        var stat = File.ReadAllText(Path.Combine(dir, "stat"));
        return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
    }
}
