using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Http;

namespace Kubelink.Simulator.Storage;

/// <summary>A committed change, told to listeners (CRD registration, RBAC cache) under the store lock.</summary>
internal sealed record StoreChange(ResourceType Type, string EventType, StoredObject Object, StoredObject? Previous);

/// <summary>
/// The object store: one lock, one global resource version counter (as etcd's revision), tables per
/// group/resource. Writes validate, stamp metadata, freeze to bytes and fan out to watchers under the lock,
/// so every watcher sees changes in resource-version order without gaps.
/// </summary>
internal sealed partial class ObjectStore(int historyLimit, Func<StorageKey, ResourceType?> typeOf)
{
    private readonly object _gate = new();
    private readonly Dictionary<StorageKey, KindTable> _tables = [];
    private readonly List<Action<ResourceType, JsonObject, StoredObject?>> _admission = [];
    private readonly List<Action<StoreChange>> _listeners = [];
    private long _resourceVersion;

    public long ResourceVersion
    {
        get
        {
            lock (_gate)
            {
                return _resourceVersion;
            }
        }
    }

    /// <summary>Runs before a write is committed and may reject (throw) or complete the object.</summary>
    public void AddAdmission(Action<ResourceType, JsonObject, StoredObject?> hook) => _admission.Add(hook);

    /// <summary>Runs after each committed change, under the lock.</summary>
    public void AddListener(Action<StoreChange> listener) => _listeners.Add(listener);

    public StoredObject? Get(StorageKey key, string ns, string name)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(key, out var table) ? table.Get(ns, name) : null;
        }
    }

    public int Count(StorageKey key)
    {
        lock (_gate)
        {
            return _tables.TryGetValue(key, out var table) ? table.Count : 0;
        }
    }

    /// <summary>Creates an object; <paramref name="createdAt"/> backdates it (seeding a cluster that looks lived-in).</summary>
    public StoredObject Create(ResourceType type, JsonObject obj, bool dryRun = false, DateTimeOffset? createdAt = null)
    {
        lock (_gate)
        {
            var meta = ObjectMeta.Prepare(type, obj);
            var name = ObjectMeta.Name(meta);
            var ns = type.Namespaced ? ObjectMeta.Namespace(meta) : "";
            if (type.Namespaced && !NamespaceExists(ns))
            {
                throw ApiException.NotFound("namespaces", ns);
            }
            var table = Table(type.StorageKey);
            if (table.Get(ns, name) is not null)
            {
                throw ApiException.AlreadyExists(type.Plural, name, type.Group);
            }
            foreach (var hook in _admission)
            {
                hook(type, obj, null);
            }
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = JsonBytes.Timestamp(createdAt ?? DateTimeOffset.UtcNow);
            if (obj.ContainsKey("spec"))
            {
                meta["generation"] = 1;
            }
            meta.Remove("deletionTimestamp");
            return Commit(type, table, obj, null, dryRun);
        }
    }

    /// <summary>Replaces an object (PUT), or its status only when <paramref name="subresource"/> is "status".</summary>
    public StoredObject Update(ResourceType type, JsonObject obj, string? subresource, bool dryRun = false)
    {
        lock (_gate)
        {
            var meta = ObjectMeta.Prepare(type, obj);
            var ns = type.Namespaced ? ObjectMeta.Namespace(meta) : "";
            var table = Table(type.StorageKey);
            var existing = table.Get(ns, ObjectMeta.Name(meta))
                ?? throw ApiException.NotFound(type.Plural, ObjectMeta.Name(meta), type.Group);
            return Replace(type, table, existing, obj, subresource, dryRun);
        }
    }

    /// <summary>Reads, transforms and writes back atomically (PATCH), so concurrent patches never conflict.</summary>
    public StoredObject Mutate(ResourceType type, string ns, string name, string? subresource, bool dryRun,
        Func<JsonObject, JsonObject> change)
    {
        lock (_gate)
        {
            var table = Table(type.StorageKey);
            var existing = table.Get(type.Namespaced ? ns : "", name) ?? throw ApiException.NotFound(type.Plural, name, type.Group);
            var changed = change(existing.ToJsonObject());
            ObjectMeta.Prepare(type, changed);
            return Replace(type, table, existing, changed, subresource, dryRun);
        }
    }

    private StoredObject Replace(ResourceType type, KindTable table, StoredObject existing, JsonObject obj, string? subresource,
        bool dryRun)
    {
        var meta = (JsonObject)obj["metadata"]!;
        var expected = meta["resourceVersion"]?.ToString();
        if (!string.IsNullOrEmpty(expected) && expected != existing.ResourceVersion.ToString())
        {
            throw ApiException.Conflict(type.Plural, existing.Name, type.Group);
        }
        var old = existing.ToJsonObject();
        var result = subresource == "status" ? WithStatusOf(old, obj) : obj;
        if (subresource is null && type.HasStatus)
        {
            CopyOrRemove(old, result, "status");
        }
        var oldMeta = (JsonObject)old["metadata"]!;
        var newMeta = (JsonObject)result["metadata"]!;
        foreach (var field in new[] { "uid", "creationTimestamp", "namespace", "name", "generation", "deletionTimestamp" })
        {
            CopyOrRemove(oldMeta, newMeta, field);
        }
        if (oldMeta["generation"] is not null && SpecChanged(old, result))
        {
            newMeta["generation"] = oldMeta["generation"]!.GetValue<long>() + 1;
        }
        foreach (var hook in _admission)
        {
            hook(type, result, existing);
        }
        newMeta["resourceVersion"] = existing.ResourceVersion.ToString();
        if (JsonBytes.Serialize(result).AsSpan().SequenceEqual(existing.Json))
        {
            return existing;
        }
        if (newMeta["deletionTimestamp"] is not null && !HasFinalizers(newMeta) && !dryRun)
        {
            return FinishDeletion(type, table, result);
        }
        return Commit(type, table, result, existing, dryRun);
    }

    private StoredObject Commit(ResourceType type, KindTable table, JsonObject obj, StoredObject? previous, bool dryRun)
    {
        var rv = dryRun ? _resourceVersion : ++_resourceVersion;
        ((JsonObject)obj["metadata"]!)["resourceVersion"] = rv.ToString();
        var stored = StoredObject.From(obj, rv);
        if (!dryRun)
        {
            table.Put(stored);
            Publish(type, table, new WatchEvent(previous is null ? "ADDED" : "MODIFIED", stored, previous, rv));
        }
        return stored;
    }

    private void Publish(ResourceType type, KindTable table, WatchEvent change)
    {
        table.Record(change);
        foreach (var watcher in table.Watchers)
        {
            watcher.Deliver(change);
        }
        var notice = new StoreChange(type, change.Type, change.Object!, change.Previous);
        foreach (var listener in _listeners)
        {
            listener(notice);
        }
    }

    private static JsonObject WithStatusOf(JsonObject old, JsonObject incoming)
    {
        var result = old.DeepClone().AsObject();
        CopyOrRemove(incoming, result, "status");
        ((JsonObject)result["metadata"]!)["resourceVersion"] = incoming["metadata"]?["resourceVersion"]?.DeepClone();
        return result;
    }

    private static void CopyOrRemove(JsonObject from, JsonObject to, string field)
    {
        var value = from[field];
        if (value is null)
        {
            to.Remove(field);
        }
        else
        {
            to[field] = value.DeepClone();
        }
    }

    private static bool SpecChanged(JsonObject old, JsonObject updated)
    {
        foreach (var (key, value) in updated)
        {
            if (key is "metadata" or "status" or "kind" or "apiVersion")
            {
                continue;
            }
            if (!JsonNode.DeepEquals(value, old[key]))
            {
                return true;
            }
        }
        return old.Any(p => p.Key is not ("metadata" or "status" or "kind" or "apiVersion") && !updated.ContainsKey(p.Key));
    }

    private KindTable Table(StorageKey key)
    {
        if (!_tables.TryGetValue(key, out var table))
        {
            table = new KindTable(historyLimit) { CompactedResourceVersion = _compactedFloor };
            _tables.Add(key, table);
        }
        return table;
    }
}
