using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;

namespace Kubelink.Simulator.Storage;

/// <summary>
/// What the controllers of a real cluster add to every new namespace: the <c>default</c> ServiceAccount and the
/// <c>kube-root-ca.crt</c> ConfigMap carrying the cluster CA. Runs inside the namespace's create, so both exist
/// as soon as the create returns. Also the initial phase of namespaces (Active) and pods (Pending).
/// </summary>
internal sealed class NamespaceDefaults
{
    private readonly ResourceRegistry _registry;
    private readonly ObjectStore _store;
    private readonly string _caPem;

    public NamespaceDefaults(ResourceRegistry registry, ObjectStore store, string caPem)
    {
        _registry = registry;
        _store = store;
        _caPem = caPem;
        store.AddListener(OnChange);
        store.AddAdmission(DefaultStatus);
    }

    // The phase a namespace and a pod start in when nobody says otherwise (no scheduler moves pods further).
    private static void DefaultStatus(ResourceType type, JsonObject obj, StoredObject? existing)
    {
        if (existing is not null || type.Group.Length != 0 || obj["status"] is not null)
        {
            return;
        }
        if (type.Plural == "namespaces")
        {
            obj["status"] = new JsonObject { ["phase"] = "Active" };
        }
        else if (type.Plural == "pods")
        {
            obj["status"] = new JsonObject { ["phase"] = "Pending", ["qosClass"] = "BestEffort" };
        }
    }

    private void OnChange(StoreChange change)
    {
        if (change.EventType != "ADDED" || change.Type.Group.Length != 0 || change.Type.Plural != "namespaces")
        {
            return;
        }
        var ns = change.Object.Name;
        Ensure("serviceaccounts", ns, "default", new JsonObject());
        Ensure("configmaps", ns, "kube-root-ca.crt", new JsonObject { ["data"] = new JsonObject { ["ca.crt"] = _caPem } });
    }

    private void Ensure(string plural, string ns, string name, JsonObject body)
    {
        var type = _registry.Find("", "v1", plural)!;
        if (_store.Get(type.StorageKey, ns, name) is not null)
        {
            return;
        }
        body["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns };
        _store.Create(type, body);
    }
}
