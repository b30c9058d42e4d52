using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Kubelink.Sidecar.GraphQL.Gateway;

/// <summary>
/// <c>x-cluster-metadata</c> of a schema file, in the original listener's shape: <c>{host, path, auth{type, …}, ca{data}}</c>,
/// secrets base64. Kubelink's listener writes no credentials into it (decision 0036); the gateway reads only host, path and CA,
/// because every query runs with the caller's own token.
/// </summary>
internal sealed record ClusterMetadata(Uri Host, string Path, string? CaPem, string AuthType)
{
    public JsonObject ToJson() => new()
    {
        ["host"] = Host.ToString().TrimEnd('/'),
        ["path"] = Path,
        ["auth"] = new JsonObject { ["type"] = AuthType },
        ["ca"] = CaPem is null ? null : new JsonObject { ["data"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(CaPem)) },
    };
}

/// <summary>Reads a schema file: the document and its metadata, or the one reason it cannot be served.</summary>
internal static class SchemaFile
{
    public const string MetadataKey = "x-cluster-metadata";

    public static (JsonObject Document, ClusterMetadata Metadata) Read(string file)
    {
        JsonObject document;
        try
        {
            document = JsonNode.Parse(File.ReadAllText(file)) as JsonObject ?? throw new InvalidDataException("its top level is not a JSON object");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"it is not valid JSON ({e.Message})");
        }
        if (document[MetadataKey] is not JsonObject metadata)
        {
            throw new InvalidDataException($"it has no \"{MetadataKey}\" object, so the gateway does not know which cluster it describes");
        }
        if (metadata["host"]?.ToString() is not { Length: > 0 } host || !Uri.TryCreate(host, UriKind.Absolute, out var hostUri))
        {
            throw new InvalidDataException($"\"{MetadataKey}.host\" is missing or not an absolute URL");
        }
        if (document["definitions"] is null && document["components"]?["schemas"] is null)
        {
            throw new InvalidDataException("it has neither \"definitions\" nor \"components.schemas\"");
        }
        var path = metadata["path"]?.ToString() is { Length: > 0 } p ? p : System.IO.Path.GetFileNameWithoutExtension(file);
        string? ca = null;
        if (metadata["ca"]?["data"]?.ToString() is { Length: > 0 } data)
        {
            try
            {
                ca = Encoding.UTF8.GetString(Convert.FromBase64String(data));
            }
            catch (FormatException)
            {
                throw new InvalidDataException($"\"{MetadataKey}.ca.data\" is not base64");
            }
            try
            {
                new System.Security.Cryptography.X509Certificates.X509Certificate2Collection().ImportFromPem(ca);
            }
            catch (System.Security.Cryptography.CryptographicException e)
            {
                throw new InvalidDataException($"\"{MetadataKey}.ca.data\" is not a PEM certificate ({e.Message})");
            }
        }
        return (document, new ClusterMetadata(hostUri, path, ca, metadata["auth"]?["type"]?.ToString() ?? "none"));
    }

    /// <summary>Writes atomically: a temp file in the same folder (mode 0600 from birth), flushed, then renamed over the target.</summary>
    public static void WriteAtomic(string file, JsonObject document)
    {
        var directory = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file))!;
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(file)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        try
        {
            using (var stream = new FileStream(temp, options))
            {
                using var writer = new Utf8JsonWriter(stream);
                document.WriteTo(writer);
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            File.Move(temp, file, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }
}
