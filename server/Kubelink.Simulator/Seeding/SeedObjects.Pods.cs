using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Seeding;

/// <summary>Running pods and the events their start left behind.</summary>
internal static partial class SeedObjects
{
    public static JsonObject Pod(string ns, string app, string hash, int index, string node, int restarts)
    {
        var name = $"{app}-{hash}-{Suffix(index)}";
        var image = $"registry.sim.kubelink.dev/{app}:1.{index % 4}.0";
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject
            {
                ["name"] = name,
                ["namespace"] = ns,
                ["labels"] = new JsonObject { ["app"] = app, ["pod-template-hash"] = hash },
                ["ownerReferences"] = new JsonArray(new JsonObject
                {
                    ["apiVersion"] = "apps/v1", ["kind"] = "ReplicaSet", ["name"] = $"{app}-{hash}",
                    ["uid"] = Guid.NewGuid().ToString(), ["controller"] = true, ["blockOwnerDeletion"] = true,
                }),
            },
            ["spec"] = new JsonObject
            {
                ["nodeName"] = node,
                ["serviceAccountName"] = "default",
                ["restartPolicy"] = "Always",
                ["containers"] = new JsonArray(new JsonObject
                {
                    ["name"] = app,
                    ["image"] = image,
                    ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080, ["protocol"] = "TCP" }),
                    ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" } },
                }),
            },
            ["status"] = new JsonObject
            {
                ["phase"] = "Running",
                ["podIP"] = $"10.244.{index % 250}.{(index * 7 % 250) + 2}",
                ["hostIP"] = "10.0.0.2",
                ["startTime"] = Now,
                ["conditions"] = new JsonArray(Condition("Ready", "True", null), Condition("ContainersReady", "True", null)),
                ["containerStatuses"] = new JsonArray(new JsonObject
                {
                    ["name"] = app,
                    ["ready"] = true,
                    ["started"] = true,
                    ["restartCount"] = restarts,
                    ["image"] = image,
                    ["imageID"] = "",
                    ["containerID"] = $"containerd://{Guid.NewGuid():N}",
                    ["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = Now } },
                }),
            },
        };
    }

    /// <summary>What the scheduler and kubelet report for a pod that started.</summary>
    public static IEnumerable<JsonObject> PodEvents(JsonObject pod)
    {
        var meta = pod["metadata"]!;
        var name = meta["name"]!.ToString();
        var ns = meta["namespace"]!.ToString();
        var node = pod["spec"]?["nodeName"]?.ToString() ?? "";
        var image = pod["spec"]?["containers"]?[0]?["image"]?.ToString() ?? "";
        var involved = new JsonObject
        {
            ["kind"] = "Pod", ["namespace"] = ns, ["name"] = name, ["uid"] = meta["uid"]?.DeepClone(), ["apiVersion"] = "v1",
        };
        yield return Event(ns, name, 1, involved, "Scheduled", $"Successfully assigned {ns}/{name} to {node}", "default-scheduler", "");
        yield return Event(ns, name, 2, involved, "Pulled", $"Container image \"{image}\" already present on machine", "kubelet", node);
        yield return Event(ns, name, 3, involved, "Started", "Started container", "kubelet", node);
    }

    private static JsonObject Event(string ns, string pod, int n, JsonObject involved, string reason, string message, string component,
        string host)
    {
        var source = new JsonObject { ["component"] = component };
        if (host.Length > 0)
        {
            source["host"] = host;
        }
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = $"{pod}.{0x17f3a2b1c0d4e5f6L + n:x16}", ["namespace"] = ns },
            ["involvedObject"] = involved.DeepClone(),
            ["reason"] = reason,
            ["message"] = message,
            ["source"] = source,
            ["firstTimestamp"] = Now,
            ["lastTimestamp"] = Now,
            ["count"] = 1,
            ["type"] = "Normal",
            ["reportingComponent"] = component,
            ["reportingInstance"] = host,
        };
    }
}
