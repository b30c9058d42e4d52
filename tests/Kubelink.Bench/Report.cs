using System.Text.Json;

namespace Kubelink.Bench;

/// <summary>One measured row: Kubelink's median beside the baseline's, and the ratio.</summary>
internal sealed record Row(string Benchmark, string What, double Kubelink, string KubelinkUnit, double? Baseline, string BaselineName, string Target)
{
    public string Ratio => Baseline is > 0 ? (Kubelink / Baseline.Value).ToString("0.00", System.Globalization.CultureInfo.InvariantCulture) : "—";
}

/// <summary>Prints the table a person reads and writes the same figures as JSON for machines.</summary>
internal sealed class Report
{
    private readonly List<Row> _rows = [];
    private readonly List<string> _notes = [];

    /// <summary>A line printed under the table (a part that was skipped, and why).</summary>
    public void Note(string line)
    {
        _notes.Add(line);
        Console.Error.WriteLine($"  {line}");
    }

    public void Add(Row row)
    {
        _rows.Add(row);
        Console.Error.WriteLine($"  {row.Benchmark} {row.What}: {row.Kubelink:0.0} {row.KubelinkUnit} (baseline {row.Baseline:0.0})");
    }

    public void Print(TextWriter output, string jsonPath)
    {
        output.WriteLine();
        output.WriteLine("| bench | what | Kubelink | baseline | baseline is | ratio | target |");
        output.WriteLine("| --- | --- | --- | --- | --- | --- | --- |");
        foreach (var r in _rows)
        {
            var baseline = r.Baseline is { } b ? $"{b:0.0} {r.KubelinkUnit}" : "—";
            output.WriteLine($"| {r.Benchmark} | {r.What} | {r.Kubelink:0.0} {r.KubelinkUnit} | {baseline} | {r.BaselineName} | {r.Ratio} | {r.Target} |");
        }

        if (_notes.Count > 0)
        {
            output.WriteLine();
            foreach (var note in _notes)
            {
                output.WriteLine(note);
            }
        }

        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(jsonPath))!);
        File.WriteAllText(jsonPath, JsonSerializer.Serialize(_rows, new JsonSerializerOptions { WriteIndented = true }));
        output.WriteLine();
        output.WriteLine($"JSON: {jsonPath}");
    }

    public static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        return sorted.Length == 0 ? double.NaN : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
