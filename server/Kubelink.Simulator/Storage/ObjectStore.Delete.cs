using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Http;

namespace Kubelink.Simulator.Storage;

/// <summary>Deletion: single objects (with preconditions), whole kinds, and namespaces with their contents.</summary>
internal sealed partial class ObjectStore
{
    public StoredObject Delete(ResourceType type, string ns, string name, bool dryRun = false, string? expectedUid = null,
        string? expectedResourceVersion = null)
    {
        lock (_gate)
        {
            ns = type.Namespaced ? ns : "";
            var table = Table(type.StorageKey);
            var existing = table.Get(ns, name) ?? throw ApiException.NotFound(type.Plural, name, type.Group);
            var obj = existing.ToJsonObject();
            var meta = (JsonObject)obj["metadata"]!;
            if ((expectedUid is not null && expectedUid != meta["uid"]?.ToString())
                || (expectedResourceVersion is not null && expectedResourceVersion != existing.ResourceVersion.ToString()))
            {
                throw ApiException.Conflict(type.Plural, name, type.Group);
            }
            if (dryRun)
            {
                return existing;
            }
            if (HasFinalizers(meta))
            {
                return MarkForDeletion(type, table, existing, obj);
            }
            if (type.StorageKey == NamespaceKey)
            {
                DeleteNamespaceContents(name);
                meta["deletionTimestamp"] = JsonBytes.Timestamp(DateTimeOffset.UtcNow);
                obj["status"] = new JsonObject { ["phase"] = "Terminating" };
            }
            var rv = ++_resourceVersion;
            meta["resourceVersion"] = rv.ToString();
            var stored = StoredObject.From(obj, rv);
            table.Remove(ns, name);
            Publish(type, table, new WatchEvent("DELETED", stored, null, rv));
            return stored;
        }
    }

    /// <summary>Removes every object of a resource (a CRD being deleted).</summary>
    public void DeleteAll(ResourceType type)
    {
        lock (_gate)
        {
            if (!_tables.TryGetValue(type.StorageKey, out var table))
            {
                return;
            }
            foreach (var obj in table.Enumerate(null, null).ToList())
            {
                Delete(type, obj.Namespace, obj.Name);
            }
            foreach (var watcher in table.Watchers)
            {
                watcher.Close();
            }
            table.Watchers.Clear();
        }
    }

    private static readonly StorageKey NamespaceKey = new("", "namespaces");

    private bool NamespaceExists(string ns) =>
        _tables.TryGetValue(NamespaceKey, out var namespaces) && namespaces.Get("", ns) is not null;

    private void DeleteNamespaceContents(string ns)
    {
        foreach (var (key, table) in _tables.ToList())
        {
            var type = typeOf(key);
            if (type is null || !type.Namespaced)
            {
                continue;
            }
            foreach (var obj in table.InNamespace(ns))
            {
                var rv = ++_resourceVersion;
                var json = obj.ToJsonObject();
                json["metadata"]!["resourceVersion"] = rv.ToString();
                var stored = StoredObject.From(json, rv);
                table.Remove(ns, obj.Name);
                Publish(type, table, new WatchEvent("DELETED", stored, null, rv));
            }
        }
    }
}
