using System.Text.Json.Nodes;
using Kubelink.Simulator;
using Kubelink.Sidecar.GraphQL.Documents;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.GraphQL.Gateway;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubelink.Sidecar.Tests.GraphQL;

/// <summary>
/// A real simulator over HTTPS, its schema file written the way the listener writes it, and the real gateway on a loopback
/// port serving the folder. Tokens: an admin (system:masters) and a restricted user (view in team-a and team-b only).
/// </summary>
public sealed class GatewayTestBed : IAsyncDisposable
{
    private readonly TempDir _dir = new();
    private readonly HttpClient _http = new();

    private GatewayTestBed(SimulatorServer simulator)
    {
        Simulator = simulator;
    }

    public SimulatorServer Simulator { get; }

    internal GatewayServer Gateway { get; private set; } = null!;

    public string AdminToken { get; private set; } = "";

    public string RestrictedToken { get; private set; } = "";

    public string Definitions => _dir.Combine("definitions");

    public Uri Endpoint(string path = "sim") => new(Gateway.Address, $"/{path}/graphql");

    public static async Task<GatewayTestBed> StartAsync()
    {
        var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = 1, Nodes = 1, PodsPerNamespace = 2 });
        await simulator.StartAsync();
        var bed = new GatewayTestBed(simulator);
        bed.AdminToken = simulator.AddTokenUser("admin", ["system:masters"]);
        bed.RestrictedToken = simulator.AddTokenUser("restricted");
        foreach (var ns in new[] { "team-a", "team-b" })
        {
            simulator.Store.Create(ClusterTestBed.ViewBinding(ns, "restricted"));
        }
        Directory.CreateDirectory(bed.Definitions);
        await bed.WriteSchemaFileAsync("sim");
        bed.Gateway = await GatewayServer.StartAsync(bed.Definitions, System.Net.IPAddress.Loopback, 0, NullLoggerFactory.Instance, TimeProvider.System, CancellationToken.None);
        return bed;
    }

    /// <summary>Fetches the simulator's schema document with the admin token and writes it as <c>{path}.json</c>, atomically.</summary>
    public async Task WriteSchemaFileAsync(string path)
    {
        using var http = ClusterTls.Client(Simulator.BaseAddress, Simulator.CaCertificatePem);
        var document = await SchemaDocumentFetcher.FetchAsync(new KubeRest(http, AdminToken), CancellationToken.None);
        document[SchemaFile.MetadataKey] = new ClusterMetadata(Simulator.BaseAddress, path, Simulator.CaCertificatePem, "token").ToJson();
        SchemaFile.WriteAtomic(Path.Combine(Definitions, path + ".json"), document);
    }

    /// <summary>POSTs a query; returns the status and the parsed body.</summary>
    public Task<(int Status, JsonObject Body)> PostAsync(string query, string? token, JsonObject? variables = null, string path = "sim") =>
        GraphQLPost.SendAsync(_http, Endpoint(path).ToString(), query, token, variables);

    public HttpClient Http => _http;

    public async ValueTask DisposeAsync()
    {
        await Gateway.DisposeAsync();
        await Simulator.DisposeAsync();
        _http.Dispose();
        _dir.Dispose();
    }
}
