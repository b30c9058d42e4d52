using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Simulator;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Clusters;

/// <summary>
/// A real simulator over HTTPS and the real sidecar host (in memory): kubeconfigs for an admin, a restricted user
/// (view in team-a and team-b only) and a user with no rights go into a sync folder; tests connect by context name.
/// </summary>
public sealed class ClusterTestBed : IAsyncDisposable
{
    private ClusterTestBed(SimulatorServer simulator, InMemorySidecar sidecar, string kubeconfigs)
    {
        Simulator = simulator;
        Sidecar = sidecar;
        Kubeconfigs = kubeconfigs;
    }

    public SimulatorServer Simulator { get; }

    public InMemorySidecar Sidecar { get; }

    public string Kubeconfigs { get; }

    public string RestrictedToken { get; private set; } = "";

    /// <param name="options">The simulated cluster (default: 3 namespaces, 2 nodes, 2 pods each).</param>
    /// <param name="settings">The sidecar settings sent with initialize.</param>
    /// <param name="configure">Extra or replacing service registrations for the sidecar (tuning options).</param>
    /// <param name="logger">The sidecar's logger (default: warnings and errors, nowhere).</param>
    public static async Task<ClusterTestBed> StartAsync(SimulatorOptions? options = null, Kubelink.Protocol.Lifecycle.SidecarSettings? settings = null, Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? configure = null, Serilog.ILogger? logger = null)
    {
        var simulator = new SimulatorServer(options ?? new SimulatorOptions { Namespaces = 3, Nodes = 2, PodsPerNamespace = 2 });
        await simulator.StartAsync();
        var sidecar = await InMemorySidecar.StartAsync(configure, logger: logger);
        var folder = Directory.CreateDirectory(Path.Combine(sidecar.Home, "kubeconfigs")).FullName;
        var bed = new ClusterTestBed(simulator, sidecar, folder);
        simulator.AddCertificateUser("admin", ["system:masters"]);
        simulator.WriteKubeconfig(Path.Combine(folder, "admin.yaml"), "admin", "sim-admin", "default");
        bed.RestrictedToken = simulator.AddTokenUser("restricted");
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            simulator.Store.Create(ViewBinding(ns, "restricted"));
        }

        simulator.WriteKubeconfig(Path.Combine(folder, "restricted.yaml"), "restricted", "sim-restricted", "team-a");
        simulator.AddTokenUser("nobody");
        simulator.WriteKubeconfig(Path.Combine(folder, "nobody.yaml"), "nobody", "sim-nobody", "default");
        await sidecar.InitializeAsync(settings: settings);
        await bed.SyncAsync();
        return bed;
    }

    /// <summary>A RoleBinding to the built-in <c>view</c> ClusterRole, as a user would apply it.</summary>
    public static System.Text.Json.Nodes.JsonObject ViewBinding(string ns, string user) => new()
    {
        ["apiVersion"] = "rbac.authorization.k8s.io/v1",
        ["kind"] = "RoleBinding",
        ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = $"{user}-view", ["namespace"] = ns },
        ["roleRef"] = new System.Text.Json.Nodes.JsonObject { ["apiGroup"] = "rbac.authorization.k8s.io", ["kind"] = "ClusterRole", ["name"] = "view" },
        ["subjects"] = new System.Text.Json.Nodes.JsonArray(new System.Text.Json.Nodes.JsonObject { ["kind"] = "User", ["apiGroup"] = "rbac.authorization.k8s.io", ["name"] = user }),
    };

    /// <summary>Re-reads the kubeconfig folder (after a test wrote another file into it).</summary>
    public Task<CatalogListResult> SyncAsync() =>
        Sidecar.Client.InvokeWithParameterObjectAsync<CatalogListResult>(Methods.KubeconfigSetSyncPaths, new SetSyncPathsParams { Paths = [Kubeconfigs] });

    public async Task<string> IdOfAsync(string contextName)
    {
        var list = await Sidecar.Client.InvokeAsync<CatalogListResult>(Methods.CatalogList);
        return list.Clusters.Single(c => c.ContextName == contextName).Id;
    }

    public async Task<ClusterInfo> ActivateAsync(string contextName, IReadOnlyList<string>? accessibleNamespaces = null) =>
        await Wait.For(
            Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterActivate, new ClusterActivateParams { ClusterId = await IdOfAsync(contextName), AccessibleNamespaces = accessibleNamespaces }),
            $"activation of {contextName}");

    /// <summary>The sidecar's session of an activated cluster.</summary>
    internal Kubelink.Sidecar.Clusters.ClusterSession Session(string clusterId) =>
        Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Kubelink.Sidecar.Clusters.ClusterService>(Sidecar.Host.Services).Find(clusterId)
        ?? throw new InvalidOperationException($"No session for {clusterId}.");

    public async ValueTask DisposeAsync()
    {
        await Sidecar.DisposeAsync();
        await Simulator.DisposeAsync();
    }
}
