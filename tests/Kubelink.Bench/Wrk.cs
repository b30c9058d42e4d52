using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Kubelink.Bench;

/// <summary>One load run's figures: throughput and latency percentiles.</summary>
internal sealed record Load(double Rps, double P50, double P99);

/// <summary>
/// Debian's <c>wrk</c> as a second B2 client (16 keep-alive HTTP/1.1 connections, two threads): a C load generator
/// shows the proxy's own cost, which the bench's .NET client (sharing the same two cores) partly hides.
/// </summary>
internal static partial class Wrk
{
    public const int Connections = 16;

    public static bool Available => File.Exists("/usr/bin/wrk");

    public static async Task<Load> RunAsync(string url, string? token, TimeSpan duration)
    {
        var args = new List<string> { "-t2", $"-c{Connections}", $"-d{(int)duration.TotalSeconds}s", "--latency" };
        if (token is not null)
        {
            args.AddRange(["-H", $"Authorization: Bearer {token}"]);
        }

        args.Add(url);
        var info = new ProcessStartInfo("/usr/bin/wrk", args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return Parse(await output, await errors);
    }

    /// <summary>Reads "Requests/sec:", the 50% and 99% lines of <c>--latency</c>, and refuses a run with non-2xx answers.</summary>
    public static Load Parse(string output, string errors)
    {
        var rps = RequestsPerSecond().Match(output);
        if (!rps.Success)
        {
            throw new InvalidOperationException($"wrk printed no throughput: {output} {errors}");
        }

        if (NonSuccess().Match(output) is { Success: true } bad)
        {
            throw new InvalidOperationException($"wrk got {bad.Groups[1].Value} non-2xx answers: the load is not the list call. {output}");
        }

        return new Load(double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture), Percentile(output, "50"), Percentile(output, "99"));
    }

    private static double Percentile(string output, string which)
    {
        var m = Regex.Match(output, $@"^\s*{which}%\s+([\d.]+)(us|ms|s)\s*$", RegexOptions.Multiline);
        if (!m.Success)
        {
            return double.NaN;
        }

        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();
}
