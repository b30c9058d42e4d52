using System.Text.Json;
using System.Text.Json.Serialization;
using Kubelink.Sidecar.Hosting;

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

    public void Save(IEnumerable<EksConnection> connections)
    {
        var folder = Path.GetDirectoryName(FilePath)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".connections.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, options))
        {
            JsonSerializer.Serialize(stream, connections.ToList(), Json);
        }
        File.Move(temporary, FilePath, overwrite: true);
    }
}
