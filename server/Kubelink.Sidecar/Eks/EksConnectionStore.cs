using System.Text.Json;
using System.Text.Json.Serialization;
using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.IO;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// The remembered EKS connections, in <c>{state}/eks/connections.json</c> (mode 0600, written atomically). It holds
/// no secret: the credential kind and profile name, the region, the cluster's name and its last description.
/// </summary>
internal sealed class EksConnectionStore(StatePaths paths)
{
    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    public string FilePath => Path.Combine(paths.Root, "eks", "connections.json");

    public IReadOnlyList<EksConnection> Load()
    {
        try
        {
            return File.Exists(FilePath) ? JsonSerializer.Deserialize<List<EksConnection>>(File.ReadAllText(FilePath), Json) ?? [] : [];
        }
        catch (JsonException)
        {
            // A damaged file loses the list, not the sidecar: the user adds the clusters again.
            return [];
        }
    }

    public void Save(IEnumerable<EksConnection> connections) =>
        PrivateFile.Write(FilePath, JsonSerializer.SerializeToUtf8Bytes(connections.ToList(), Json));
}
