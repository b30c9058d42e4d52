using System.Text.Json.Nodes;
using Kubelink.Sidecar.GraphQL.Documents;
using Kubelink.Sidecar.GraphQL.Gateway;

namespace Kubelink.Sidecar.ClusterAccess;

/// <summary>
/// The definitions folder as the listener keeps it: mode 0700, one <c>{path}.json</c> per ClusterAccess, mode 0600, replaced
/// atomically so the gateway (or any reader) sees the old file or the new one, never half of one.
/// </summary>
internal sealed class SchemaFiles(string folder)
{
    public string Folder { get; } = Path.GetFullPath(folder);

    public void Ensure()
    {
        var info = Directory.CreateDirectory(Folder);
        if (!OperatingSystem.IsWindows())
        {
            info.UnixFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }
    }

    public string FileOf(string path) => Path.Combine(Folder, path + ".json");

    /// <summary>Fetches the target's schema document and writes it with its metadata; returns the number of definitions.</summary>
    public async Task<int> WriteAsync(KubeConnection target, ClusterMetadata metadata, CancellationToken cancellationToken)
    {
        var document = await SchemaDocumentFetcher.FetchAsync(target.Api, cancellationToken).ConfigureAwait(false);
        document[SchemaFile.MetadataKey] = metadata.ToJson();
        SchemaFile.WriteAtomic(FileOf(metadata.Path), document);
        return (document["definitions"] as JsonObject)?.Count ?? 0;
    }

    public void Remove(string? path)
    {
        if (!string.IsNullOrEmpty(path))
        {
            File.Delete(FileOf(path));
        }
    }
}
