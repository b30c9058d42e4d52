using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Serialization;
using Kubelink.Sidecar.IO;

namespace Kubelink.Sidecar.Simulated;

/// <summary>Everything the agent must remember across a crash: the main cluster's port and every cluster, keyed by name.</summary>
internal sealed record AgentState
{
    public const int CurrentFormat = 1;

    public int Format { get; init; } = CurrentFormat;

    /// <summary>The embedded main cluster's port (0 until it first started), so it comes back on the same one.</summary>
    public int MainPort { get; init; }

    public ImmutableSortedDictionary<string, SimulatedCluster> Clusters { get; init; } = ImmutableSortedDictionary<string, SimulatedCluster>.Empty.WithComparers(StringComparer.Ordinal);

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };
}

/// <summary>
/// <c>DIR/state.json</c>: written to a temp file, fsynced, renamed over the old one, and the folder fsynced, so a
/// <c>kill -9</c> or power cut at any moment leaves either the old or the new file, never a torn one. Mode 0600: it holds
/// the endpoints' tokens.
/// </summary>
internal sealed class AgentStateFile(string directory)
{
    public string Path { get; } = System.IO.Path.Combine(directory, "state.json");

    public AgentState Load()
    {
        if (!File.Exists(Path))
        {
            return new AgentState();
        }
        var state = JsonSerializer.Deserialize<AgentState>(File.ReadAllBytes(Path), AgentState.Json)
            ?? throw new InvalidDataException($"{Path} holds no state object");
        if (state.Format != AgentState.CurrentFormat)
        {
            throw new InvalidDataException($"{Path} has format {state.Format}; this agent reads format {AgentState.CurrentFormat}");
        }
        return state with { Clusters = state.Clusters.WithComparers(StringComparer.Ordinal) };
    }

    public void Save(AgentState state) => PrivateFile.WriteDurably(Path, JsonSerializer.SerializeToUtf8Bytes(state, AgentState.Json));
}
