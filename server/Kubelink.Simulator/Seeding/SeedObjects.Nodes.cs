using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Seeding;

/// <summary>Nodes as a kubelet would report them.</summary>
internal static partial class SeedObjects
{
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
}
