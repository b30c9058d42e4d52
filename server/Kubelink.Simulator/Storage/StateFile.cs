using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Kubelink.Simulator.Auth;
using Kubelink.Simulator.Discovery;

namespace Kubelink.Simulator.Storage;

/// <summary>
/// The state file: CA, minted credentials, the resource version counter and every object. Written to a temp
/// file, flushed to disk and renamed over the old one, so a crash mid-save never leaves a torn file; saved after
/// changes by <see cref="StatePersister"/>.
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

    /// <summary>The saved state, or null without a file. Objects stay raw bytes: a 20,000-pod file is never a DOM.</summary>
    public static SavedState? Read(string? path)
    {
        if (path is null)
        {
            return null;
        }

        // Saves a kill cut short: never renamed, so never the state; only clutter.
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        foreach (var stale in Directory.Exists(folder) ? Directory.EnumerateFiles(folder, $".{Path.GetFileName(path)}.*.tmp") : [])
        {
            File.Delete(stale);
        }

        if (!File.Exists(path))
        {
            return null;
        }
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"state file {path} is not a JSON object");
        }
        var objects = new List<(StorageKey, StoredObject)>();
        foreach (var entry in root.GetProperty("objects").EnumerateArray())
        {
            var key = new StorageKey(entry.GetProperty("group").GetString() ?? "", entry.GetProperty("resource").GetString() ?? "");
            objects.Add((key, StoredObject.FromBytes(JsonMarshal.GetRawUtf8Value(entry.GetProperty("object")).ToArray())));
        }
        return new SavedState(
            root.GetProperty("resourceVersion").GetInt64(),
            root.GetProperty("caCertificate").GetString()!,
            root.GetProperty("caKey").GetString()!,
            JsonNode.Parse(root.GetProperty("users").GetRawText()) as JsonArray ?? [],
            objects);
    }

    public static void Restore(SavedState state, SimulatorCore core)
    {
        core.Users.Load(state.Users);
        core.Store.Load(state.ResourceVersion, state.Objects);
        core.Crds.RegisterAll();
        core.Rbac.Invalidate();
    }
}

/// <summary>What a state file holds.</summary>
internal sealed record SavedState(
    long ResourceVersion, string CaCertificatePem, string CaKeyPem, JsonArray Users, IReadOnlyList<(StorageKey Key, StoredObject Object)> Objects)
{
    public CertificateAuthority Authority() => CertificateAuthority.Load(CaCertificatePem, CaKeyPem);
}
