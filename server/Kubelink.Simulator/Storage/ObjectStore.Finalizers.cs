using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;

namespace Kubelink.Simulator.Storage;

/// <summary>
/// <c>metadata.finalizers</c> as the real API server honours them: deleting an object that has some only sets its
/// <c>deletionTimestamp</c> (a MODIFIED event); the update that removes the last one deletes it (DELETED). Controllers such as
/// the ClusterAccess listener clean up in between.
/// </summary>
internal sealed partial class ObjectStore
{
    private static bool HasFinalizers(JsonObject meta) => meta["finalizers"] is JsonArray { Count: > 0 };

    private StoredObject MarkForDeletion(ResourceType type, KindTable table, StoredObject existing, JsonObject obj)
    {
        var meta = (JsonObject)obj["metadata"]!;
        if (meta["deletionTimestamp"] is not null)
        {
            return existing; // already terminating: a second delete changes nothing
        }
        meta["deletionTimestamp"] = JsonBytes.Timestamp(DateTimeOffset.UtcNow);
        if (meta["generation"] is JsonValue generation)
        {
            meta["generation"] = generation.GetValue<long>() + 1;
        }
        return Commit(type, table, obj, existing, dryRun: false);
    }

    private StoredObject FinishDeletion(ResourceType type, KindTable table, JsonObject obj)
    {
        var rv = ++_resourceVersion;
        ((JsonObject)obj["metadata"]!)["resourceVersion"] = rv.ToString();
        var stored = StoredObject.From(obj, rv);
        table.Remove(stored.Namespace, stored.Name);
        Publish(type, table, new WatchEvent("DELETED", stored, null, rv));
        return stored;
    }
}
