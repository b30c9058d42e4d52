using System.Text.Json;
using System.Text.Json.Nodes;
using Kubelink.Simulator.Auth;
using Kubelink.Simulator.Discovery;

namespace Kubelink.Simulator.Storage;

/// <summary>
/// The state file: CA, minted credentials, the resource version counter and every object. Written to a temp
/// file and renamed over the old one, so a crash mid-save never leaves a torn file.
/// </summary>
internal static class StateFile
{
    private const int FormatVersion = 1;

    public static async Task SaveAsync(string path, SimulatorCore core)
    {
        var (resourceVersion, objects) = core.Store.Snapshot();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temp = Path.Combine(directory, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = PrivateFile.CreateNew();
        await using (var stream = new FileStream(temp, options))
        {
            await using var writer = new Utf8JsonWriter(stream, JsonBytes.WriterOptions);
            writer.WriteStartObject();
            writer.WriteNumber("format", FormatVersion);
            writer.WriteNumber("resourceVersion", resourceVersion);
            writer.WriteString("caCertificate", core.Ca.CertificatePem);
            writer.WriteString("caKey", core.Ca.KeyPem);
            writer.WritePropertyName("users");
            core.Users.ToJson().WriteTo(writer);
            writer.WriteStartArray("objects");
            foreach (var (key, obj) in objects)
            {
                writer.WriteStartObject();
                writer.WriteString("group", key.Group);
                writer.WriteString("resource", key.Plural);
                writer.WritePropertyName("object");
                writer.WriteRawValue(obj.Json, skipInputValidation: true);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync();
            stream.Flush(flushToDisk: true);
        }
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The saved CA, when the file exists (it must be known before the server certificate is issued).</summary>
    public static CertificateAuthority? LoadAuthority(JsonObject state) =>
        state["caCertificate"] is { } cert && state["caKey"] is { } key ? CertificateAuthority.Load(cert.ToString(), key.ToString()) : null;

    public static JsonObject? Read(string? path)
    {
        if (path is null || !File.Exists(path))
        {
            return null;
        }
        return JsonNode.Parse(File.ReadAllBytes(path)) as JsonObject
            ?? throw new InvalidDataException($"state file {path} is not a JSON object");
    }

    public static void Restore(JsonObject state, SimulatorCore core)
    {
        core.Users.Load(state["users"] as JsonArray ?? []);
        var objects = new List<(StorageKey, StoredObject)>();
        foreach (var entry in (state["objects"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var key = new StorageKey(entry["group"]?.ToString() ?? "", entry["resource"]?.ToString() ?? "");
            objects.Add((key, StoredObject.FromBytes(JsonBytes.Serialize(entry["object"]!))));
        }
        core.Store.Load(state["resourceVersion"]?.GetValue<long>() ?? 0, objects);
        core.Crds.RegisterAll();
        core.Rbac.Invalidate();
    }
}
