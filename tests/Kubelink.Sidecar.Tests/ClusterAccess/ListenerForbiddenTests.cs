using System.Text.Json.Nodes;
using Kubelink.Sidecar.ClusterAccess;
using Kubelink.Sidecar.Tests.TestSupport;
using Kubelink.Simulator;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubelink.Sidecar.Tests.ClusterAccess;

/// <summary>
/// The Forbidden condition: a listener whose management identity may manage ClusterAccess objects but not read Secrets
/// (RBAC the operator got wrong) says exactly that in the object's status, rather than failing silently.
/// </summary>
public sealed class ListenerForbiddenTests
{
    [Fact]
    public async Task ListenerMayNotReadTheSecret_IsForbidden_NamingTheSecret()
    {
        await using var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = 0, Nodes = 1, PodsPerNamespace = 1 });
        await simulator.StartAsync();
        using var dir = new TempDir();
        simulator.AddCertificateUser("admin", ["system:masters"]);
        simulator.WriteKubeconfig(dir.Combine("admin.yaml"), "admin", "sim-admin", "default");
        await Kubectl.OutputAsync(dir.Combine("admin.yaml"), "apply", "-f", Path.Combine(AppContext.BaseDirectory, "deploy", "crd-clusteraccess.yaml"));
        simulator.AddTokenUser("ca-listener");
        simulator.Store.Create(new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRole",
            ["metadata"] = new JsonObject { ["name"] = "clusteraccess-only" },
            ["rules"] = new JsonArray(new JsonObject
            {
                ["apiGroups"] = new JsonArray("gateway.platform-mesh.io"),
                ["resources"] = new JsonArray("clusteraccesses", "clusteraccesses/status"),
                ["verbs"] = new JsonArray("get", "list", "watch", "update", "patch"),
            }),
        });
        simulator.Store.Create(new JsonObject
        {
            ["apiVersion"] = "rbac.authorization.k8s.io/v1",
            ["kind"] = "ClusterRoleBinding",
            ["metadata"] = new JsonObject { ["name"] = "ca-listener" },
            ["roleRef"] = new JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = "clusteraccess-only" },
            ["subjects"] = new JsonArray(new JsonObject { ["kind"] = "User", ["apiGroup"] = "rbac.authorization.k8s.io", ["name"] = "ca-listener" }),
        });
        simulator.WriteKubeconfig(dir.Combine("listener.yaml"), "ca-listener", "listener", "default");
        simulator.Store.Create(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject { ["name"] = "sim-token", ["namespace"] = "default" },
            ["data"] = new JsonObject { ["token"] = Convert.ToBase64String("unused"u8.ToArray()) },
        });
        simulator.Store.Create(new JsonObject
        {
            ["apiVersion"] = "gateway.platform-mesh.io/v1alpha1",
            ["kind"] = "ClusterAccess",
            ["metadata"] = new JsonObject { ["name"] = "sim" },
            ["spec"] = new JsonObject { ["host"] = simulator.BaseAddress.ToString(), ["auth"] = new JsonObject { ["secretRef"] = new JsonObject { ["name"] = "sim-token" } } },
        });
        using var management = KubeConnection.Open(KubeConnection.FromKubeconfig(dir.Combine("listener.yaml"), await File.ReadAllTextAsync(dir.Combine("listener.yaml")), null));
        using var listener = new ClusterAccessListener(management, new SchemaFiles(dir.Combine("definitions")), NullLogger.Instance, TimeProvider.System);
        using var stop = new CancellationTokenSource();
        var run = listener.RunAsync(stop.Token);

        JsonObject? ready = null;
        await Wait.Until(() =>
        {
            ready = (simulator.Store.Get("gateway.platform-mesh.io/v1alpha1", "ClusterAccess", "", "sim")?["status"]?["conditions"] as JsonArray)
                ?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() == "Ready");
            return ready is not null;
        }, "the Ready condition");

        Assert.Equal("False", ready!["status"]!.ToString());
        Assert.Equal("Forbidden", ready["reason"]!.ToString());
        Assert.Contains("The listener may not read Secret default/sim-token", ready["message"]!.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("definitions", "sim.json")));
        await stop.CancelAsync();
        await Wait.For(run, "the listener to stop");
    }
}
