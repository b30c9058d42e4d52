using System.Text.Json.Nodes;

namespace Kubelink.Bench;

/// <summary>Kubernetes objects the benchmarks put into the simulator's store (RBAC for their users).</summary>
internal static class BenchObjects
{
    public static JsonObject Obj(string apiVersion, string kind, string? ns, string name, Action<JsonObject> fill)
    {
        var meta = new JsonObject { ["name"] = name };
        if (ns is not null)
        {
            meta["namespace"] = ns;
        }

        var o = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind, ["metadata"] = meta };
        fill(o);
        return o;
    }

    public static void Bind(JsonObject o, string user, string clusterRole)
    {
        o["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = clusterRole };
        o["subjects"] = new JsonArray(new JsonObject { ["kind"] = "User", ["apiGroup"] = "rbac.authorization.k8s.io", ["name"] = user });
    }
}
