using System.Text.Json.Nodes;
using Kubelink.Simulator.Storage;

namespace Kubelink.Simulator.Seeding;

/// <summary>Realistic-looking objects for a seeded cluster. Deterministic, so runs are comparable.</summary>
internal static partial class SeedObjects
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
