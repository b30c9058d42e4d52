using System.Text.Json.Nodes;
using Kubelink.Simulator.Storage;

namespace Kubelink.Simulator.Seeding;

/// <summary>Realistic-looking objects for a seeded cluster. Deterministic, so runs are comparable.</summary>
internal static class SeedObjects
{
    private static readonly string[] Zones = ["sim-zone-a", "sim-zone-b", "sim-zone-c"];
    private static readonly string Now = JsonBytes.Timestamp(DateTimeOffset.UtcNow.AddDays(-3));

    public static JsonObject Namespace(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Namespace",
        ["metadata"] = new JsonObject
        {
            ["name"] = name,
            ["labels"] = new JsonObject { ["kubernetes.io/metadata.name"] = name },
        },
        ["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") },
        ["status"] = new JsonObject { ["phase"] = "Active" },
    };

    public static string NodeName(int index) => $"node-{index:D3}";

    public static JsonObject Node(int index, int total, string kubeletVersion)
    {
        var controlPlane = index < Math.Max(1, Math.Min(3, total / 10));
        var labels = new JsonObject
        {
            ["kubernetes.io/hostname"] = NodeName(index),
            ["kubernetes.io/os"] = "linux",
            ["kubernetes.io/arch"] = "amd64",
            ["node.kubernetes.io/instance-type"] = controlPlane ? "m5.large" : "m5.xlarge",
            ["topology.kubernetes.io/zone"] = Zones[index % Zones.Length],
            ["topology.kubernetes.io/region"] = "sim-region-1",
            [controlPlane ? "node-role.kubernetes.io/control-plane" : "node-role.kubernetes.io/worker"] = "",
        };
        var ip = $"10.0.{index / 250}.{(index % 250) + 2}";
        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Node",
            ["metadata"] = new JsonObject { ["name"] = NodeName(index), ["labels"] = labels },
            ["spec"] = new JsonObject { ["podCIDR"] = $"10.244.{index % 256}.0/24", ["providerID"] = $"sim://{NodeName(index)}" },
            ["status"] = new JsonObject
            {
                ["capacity"] = Resources("4", "16Gi", "110"),
                ["allocatable"] = Resources("3920m", "15Gi", "110"),
                ["conditions"] = new JsonArray(
                    Condition("MemoryPressure", "False", "KubeletHasSufficientMemory"),
                    Condition("DiskPressure", "False", "KubeletHasNoDiskPressure"),
                    Condition("PIDPressure", "False", "KubeletHasSufficientPID"),
                    Condition("Ready", "True", "KubeletReady")),
                ["addresses"] = new JsonArray(
                    new JsonObject { ["type"] = "InternalIP", ["address"] = ip },
                    new JsonObject { ["type"] = "Hostname", ["address"] = NodeName(index) }),
                ["nodeInfo"] = new JsonObject
                {
                    ["kubeletVersion"] = kubeletVersion,
                    ["kubeProxyVersion"] = kubeletVersion,
                    ["containerRuntimeVersion"] = "containerd://1.7.20",
                    ["kernelVersion"] = "6.1.0-25-cloud-amd64",
                    ["osImage"] = "Debian GNU/Linux 12 (bookworm)",
                    ["operatingSystem"] = "linux",
                    ["architecture"] = "amd64",
                },
            },
        };
    }

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

    public static JsonObject Deployment(string ns, string app, string hash, int replicas) => new()
    {
        ["apiVersion"] = "apps/v1",
        ["kind"] = "Deployment",
        ["metadata"] = new JsonObject { ["name"] = app, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = app } },
        ["spec"] = new JsonObject
        {
            ["replicas"] = replicas,
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = app } },
            ["template"] = new JsonObject
            {
                ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = app } },
                ["spec"] = new JsonObject
                {
                    ["containers"] = new JsonArray(new JsonObject { ["name"] = app, ["image"] = $"registry.sim.kubelink.dev/{app}:1.0.0" }),
                },
            },
        },
        ["status"] = new JsonObject
        {
            ["observedGeneration"] = 1, ["replicas"] = replicas, ["updatedReplicas"] = replicas,
            ["readyReplicas"] = replicas, ["availableReplicas"] = replicas,
            ["conditions"] = new JsonArray(Condition("Available", "True", "MinimumReplicasAvailable")),
        },
    };

    public static JsonObject Service(string ns, string app, int index) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Service",
        ["metadata"] = new JsonObject { ["name"] = app, ["namespace"] = ns, ["labels"] = new JsonObject { ["app"] = app } },
        ["spec"] = new JsonObject
        {
            ["type"] = "ClusterIP",
            ["clusterIP"] = $"10.96.{index / 250 % 250}.{(index % 250) + 2}",
            ["selector"] = new JsonObject { ["app"] = app },
            ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 80, ["targetPort"] = 8080, ["protocol"] = "TCP" }),
        },
    };

    public static JsonObject ConfigMap(string ns, string name, int index) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
        ["data"] = new JsonObject { ["LOG_LEVEL"] = "info", ["WORKERS"] = (index % 8 + 1).ToString(), ["REGION"] = "sim-region-1" },
    };

    public static JsonObject CustomResourceDefinition(string group, string kind, string plural) => new()
    {
        ["apiVersion"] = "apiextensions.k8s.io/v1",
        ["kind"] = "CustomResourceDefinition",
        ["metadata"] = new JsonObject { ["name"] = $"{plural}.{group}" },
        ["spec"] = new JsonObject
        {
            ["group"] = group,
            ["scope"] = "Namespaced",
            ["names"] = new JsonObject { ["plural"] = plural, ["singular"] = kind.ToLowerInvariant(), ["kind"] = kind, ["listKind"] = kind + "List" },
            ["versions"] = new JsonArray(new JsonObject
            {
                ["name"] = "v1",
                ["served"] = true,
                ["storage"] = true,
                ["schema"] = new JsonObject
                {
                    ["openAPIV3Schema"] = new JsonObject { ["type"] = "object", ["x-kubernetes-preserve-unknown-fields"] = true },
                },
                ["subresources"] = new JsonObject { ["status"] = new JsonObject() },
            }),
        },
    };

    public static JsonObject Custom(string group, string kind, string ns, string name, int index) => new()
    {
        ["apiVersion"] = group + "/v1",
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns, ["labels"] = new JsonObject { ["tier"] = index % 2 == 0 ? "gold" : "silver" } },
        ["spec"] = new JsonObject { ["size"] = index + 1, ["enabled"] = true },
    };

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

    private static JsonObject Resources(string cpu, string memory, string pods) =>
        new() { ["cpu"] = cpu, ["memory"] = memory, ["pods"] = pods, ["ephemeral-storage"] = "100Gi" };

    private static JsonObject Condition(string type, string status, string? reason)
    {
        var condition = new JsonObject { ["type"] = type, ["status"] = status, ["lastTransitionTime"] = Now };
        if (reason is not null)
        {
            condition["reason"] = reason;
        }
        return condition;
    }

    private static string Suffix(int index)
    {
        const string alphabet = "bcdfghjklmnpqrstvwxz2456789";
        var chars = new char[5];
        var value = (index * 7919L) + 104729;
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[(int)(value % alphabet.Length)];
            value /= alphabet.Length;
        }
        return new string(chars);
    }
}
