using System.Text.Json.Nodes;
using Kubelink.Simulator;
using Kubelink.Sidecar.ClusterAccess;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubelink.Sidecar.Tests.ClusterAccess;

/// <summary>
/// One simulator as both management and target cluster, the CRD applied with the real kubectl from deploy/, and the real
/// listener in process writing into a temp definitions folder. ClusterAccess objects are applied with kubectl too.
/// </summary>
public sealed class ListenerTestBed : IAsyncDisposable
{
    private readonly TempDir _dir = new();
    private readonly CancellationTokenSource _stop = new();
    private KubeConnection _management = null!;
    private ClusterAccessListener _listener = null!;
    private Task _run = Task.CompletedTask;

    private ListenerTestBed(SimulatorServer simulator)
    {
        Simulator = simulator;
    }

    public SimulatorServer Simulator { get; }

    public string AdminToken { get; private set; } = "";

    public string Kubeconfig => _dir.Combine("admin.yaml");

    public string Definitions => _dir.Combine("definitions");

    public string Combine(string name) => _dir.Combine(name);

    public static async Task<ListenerTestBed> StartAsync()
    {
        var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = 0, Nodes = 1, PodsPerNamespace = 1 });
        await simulator.StartAsync();
        var bed = new ListenerTestBed(simulator);
        simulator.AddCertificateUser("admin", ["system:masters"]);
        simulator.WriteKubeconfig(bed.Kubeconfig, "admin", "sim-admin", "default");
        bed.AdminToken = simulator.AddTokenUser("target-admin", ["system:masters"]);
        await Kubectl.OutputAsync(bed.Kubeconfig, "apply", "-f", Path.Combine(AppContext.BaseDirectory, "deploy", "crd-clusteraccess.yaml"));
        bed._management = KubeConnection.Open(KubeConnection.FromKubeconfig(bed.Kubeconfig, await File.ReadAllTextAsync(bed.Kubeconfig), null));
        bed._listener = new ClusterAccessListener(bed._management, new SchemaFiles(bed.Definitions), NullLogger.Instance, TimeProvider.System);
        bed._run = Task.Run(() => bed._listener.RunAsync(bed._stop.Token));
        return bed;
    }

    /// <summary>A Secret in <c>default</c>, as kubectl would create it.</summary>
    public void Secret(string name, Dictionary<string, string> data, string type = "Opaque") => Simulator.Store.Create(new JsonObject
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Secret",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
        ["type"] = type,
        ["data"] = new JsonObject(data.Select(p => KeyValuePair.Create(p.Key, (JsonNode?)Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(p.Value))))),
    });

    /// <summary>Applies a ClusterAccess with the real kubectl (YAML, as a user writes it).</summary>
    public async Task ApplyAsync(string yaml)
    {
        var file = _dir.Combine($"ca-{Guid.NewGuid():N}.yaml");
        await File.WriteAllTextAsync(file, yaml);
        await Kubectl.OutputAsync(Kubeconfig, "apply", "-f", file);
    }

    public JsonObject? Get(string name) =>
        Simulator.Store.Get("gateway.platform-mesh.io/v1alpha1", "ClusterAccess", "", name);

    /// <summary>The Ready condition once the listener has written one for the object's current generation.</summary>
    public async Task<JsonObject> ReadyConditionAsync(string name)
    {
        JsonObject? condition = null;
        await Wait.Until(() =>
        {
            var obj = Get(name);
            condition = (obj?["status"]?["conditions"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c => c["type"]?.ToString() == "Ready"
                && c["observedGeneration"]?.GetValue<long>() == obj!["metadata"]?["generation"]?.GetValue<long>());
            return condition is not null;
        }, $"the Ready condition of {name}");
        return condition!;
    }

    public string Yaml(string name, string auth, string? path = null, string? host = null, string ca = "ca:\n    secretRef: {name: sim-ca, namespace: default, key: ca.crt}") => $"""
        apiVersion: gateway.platform-mesh.io/v1alpha1
        kind: ClusterAccess
        metadata:
          name: {name}
        spec:
          {(path is null ? "" : $"path: {path}")}
          host: {host ?? Simulator.BaseAddress.ToString().TrimEnd('/')}
          {ca}
          auth:
            {auth}
        """;

    public void CaSecret() => Secret("sim-ca", new() { ["ca.crt"] = Simulator.CaCertificatePem });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _run.WaitAsync(TimeSpan.FromSeconds(30));
        _listener.Dispose();
        _management.Dispose();
        await Simulator.DisposeAsync();
        _dir.Dispose();
    }
}
