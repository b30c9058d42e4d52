using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Rbac;

namespace Kubelink.Simulator.Seeding;

/// <summary>
/// Fills a fresh store: the bootstrap namespaces and RBAC policy every cluster has, then the requested scale
/// (namespaces, nodes, pods with their deployment/service/configmap, and custom API groups through CRDs).
/// </summary>
internal sealed class ClusterSeeder(SimulatorCore core)
{
    /// <summary>Namespaces that always exist (team-a and team-b are where the restricted user may look).</summary>
    public static readonly string[] BaseNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease", "team-a", "team-b"];

    private static readonly string[] Apps = ["web", "api", "worker", "cache"];

    // Seeded objects are backdated so tables show ages a running cluster would (days for the cluster, hours for pods).
    private readonly DateTimeOffset _now = DateTimeOffset.UtcNow;

    public void Seed()
    {
        var options = core.Options;
        foreach (var role in BuiltInRoles.ClusterRoles())
        {
            Create("rbac.authorization.k8s.io", "v1", "clusterroles", role);
        }
        foreach (var binding in BuiltInRoles.ClusterRoleBindings())
        {
            Create("rbac.authorization.k8s.io", "v1", "clusterrolebindings", binding);
        }
        for (var i = 0; i < options.Nodes; i++)
        {
            Create("", "v1", "nodes", SeedObjects.Node(i, options.Nodes, options.GitVersion));
        }
        var namespaces = BaseNamespaces.Concat(Enumerable.Range(0, Math.Max(0, options.Namespaces)).Select(i => $"ns-{i:D4}")).ToList();
        var index = 0;
        foreach (var ns in namespaces)
        {
            Create("", "v1", "namespaces", SeedObjects.Namespace(ns));
            if (ns is "kube-public" or "kube-node-lease")
            {
                continue;
            }
            SeedWorkload(ns, index++);
        }
        SeedCustomGroups(namespaces);
    }

    private void SeedWorkload(string ns, int index)
    {
        var pods = core.Options.PodsPerNamespace;
        if (pods <= 0)
        {
            return;
        }
        var app = Apps[index % Apps.Length];
        var hash = $"{(uint)((index * 2654435761L) + 40503):x8}";
        Create("apps", "v1", "deployments", SeedObjects.Deployment(ns, app, hash, pods), TimeSpan.FromDays(12));
        Create("", "v1", "services", SeedObjects.Service(ns, app, index));
        Create("", "v1", "configmaps", SeedObjects.ConfigMap(ns, app + "-config", index));
        for (var i = 0; i < pods; i++)
        {
            var node = core.Options.Nodes > 0 ? SeedObjects.NodeName(((index * pods) + i) % core.Options.Nodes) : "";
            var pod = SeedObjects.Pod(ns, app, hash, i, node, restarts: (index + i) % 11 == 0 ? (index + i) % 5 + 1 : 0);
            if (node.Length == 0)
            {
                ((JsonObject)pod["spec"]!).Remove("nodeName");
            }
            var created = Create("", "v1", "pods", pod, TimeSpan.FromDays(3) - TimeSpan.FromMinutes(((index * 37) + (i * 53)) % 4000));
            if (i == 0)
            {
                foreach (var e in SeedObjects.PodEvents(created.ToJsonObject()))
                {
                    Create("", "v1", "events", e);
                }
            }
        }
    }

    private void SeedCustomGroups(IReadOnlyList<string> namespaces)
    {
        for (var g = 0; g < core.Options.ApiGroups; g++)
        {
            var group = $"group{g}.sim.kubelink.dev";
            for (var k = 0; k < core.Options.KindsPerGroup; k++)
            {
                var kind = $"Widget{k}";
                var plural = $"widget{k}s";
                Create(CrdController.Group, "v1", "customresourcedefinitions", SeedObjects.CustomResourceDefinition(group, kind, plural));
                for (var i = 0; i < 2; i++)
                {
                    Create(group, "v1", plural, SeedObjects.Custom(group, kind, namespaces[i % namespaces.Count], $"{kind.ToLowerInvariant()}-{i}", i));
                }
            }
        }
    }

    private Storage.StoredObject Create(string group, string version, string plural, JsonObject obj, TimeSpan? age = null)
    {
        var type = core.Registry.Find(group, version, plural) ?? throw new InvalidOperationException($"{plural}.{group} is not registered");
        return core.Store.Create(type, obj, createdAt: _now - (age ?? TimeSpan.FromDays(30)));
    }
}
