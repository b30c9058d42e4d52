using System.Collections.Concurrent;
using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Eks;
using Kubelink.Sidecar.Eks;
using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.Tests.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using Kubelink.Simulator;
using Kubelink.Simulator.Aws;
using Microsoft.Extensions.DependencyInjection;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Eks;

/// <summary>
/// The simulator with its local AWS (pages of one cluster) and a sidecar whose AWS environment is this bed's alone:
/// the simulator's profile files and the variables a test sets, never the real <c>~/.aws</c> or process environment.
/// </summary>
public sealed class EksTestBed : IAsyncDisposable
{
    private readonly TempDir _aws;

    private EksTestBed(ClusterTestBed bed, TempDir aws, ConcurrentDictionary<string, string> variables)
    {
        Bed = bed;
        _aws = aws;
        Variables = variables;
    }

    public ClusterTestBed Bed { get; }

    public InMemorySidecar Sidecar => Bed.Sidecar;

    public AwsSimulator Aws => Bed.Simulator.Aws!;

    /// <summary>The sidecar's AWS environment variables (a test adds keys or endpoints).</summary>
    public ConcurrentDictionary<string, string> Variables { get; }

    public string AwsDirectory => _aws.Path;

    public static EksCredentials Profile(string name) => new() { Profile = name };

    public EksCredentials AdminKeys => new() { AccessKeyId = Aws.Identities.Admin.AccessKeyId, SecretAccessKey = Aws.Identities.Admin.SecretAccessKey };

    /// <param name="stateDir">A state folder that outlives one sidecar (restart tests).</param>
    /// <param name="logger">The sidecar's logger (tests that scan the log for secrets).</param>
    /// <param name="settings">The sidecar's settings.</param>
    /// <param name="pathVariable">The PATH the kubeconfig source sees (empty: no aws binary).</param>
    public static async Task<EksTestBed> StartAsync(string? stateDir = null, Serilog.ILogger? logger = null, Kubelink.Protocol.Lifecycle.SidecarSettings? settings = null, string? pathVariable = null)
    {
        var aws = new TempDir();
        var variables = new ConcurrentDictionary<string, string>(StringComparer.Ordinal)
        {
            ["AWS_CONFIG_FILE"] = aws.Combine("config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = aws.Combine("credentials"),
        };
        var options = new SimulatorOptions { Namespaces = 3, Nodes = 2, PodsPerNamespace = 2, Aws = true, AwsPageSize = 1 };
        var bed = await ClusterTestBed.StartAsync(options, settings, logger: logger, configure: services =>
        {
            if (pathVariable is not null)
            {
                services.AddSingleton(new Kubelink.Sidecar.Kubeconfig.KubeconfigEnvironment(aws.Combine("home"), null, pathVariable));
            }
            services.AddSingleton(new AwsEnvironment(name => variables.GetValueOrDefault(name), aws.Combine("home")));
            if (stateDir is not null)
            {
                services.AddSingleton(new EksConnectionStore(new StatePaths(stateDir)));
            }
        });
        AwsFiles.Write(aws.Path, bed.Simulator.Aws!);
        bed.Simulator.Store.Create(ClusterTestBed.ViewBinding("team-a", "kubelink-restricted"));
        return new EksTestBed(bed, aws, variables);
    }

    public Task<EksListClustersResult> ListAsync(EksCredentials credentials, string? region = AwsSimulator.Region) =>
        Wait.For(Sidecar.Client.InvokeWithParameterObjectAsync<EksListClustersResult>(Methods.EksListClusters, new EksListClustersParams { Credentials = credentials, Region = region }), "eks/listClusters");

    public Task<CatalogEntry> ConnectAsync(EksCredentials credentials, string name = AwsSimulator.ClusterName, string? region = AwsSimulator.Region) =>
        Wait.For(Sidecar.Client.InvokeWithParameterObjectAsync<CatalogEntry>(Methods.EksConnect, new EksConnectParams { Credentials = credentials, Region = region, Name = name }), "eks/connect");

    public Task<ClusterInfo> ActivateAsync(string id) =>
        Wait.For(Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterActivate, new ClusterActivateParams { ClusterId = id }), "activation");

    /// <summary>The error a call failed with (the test fails if it succeeded).</summary>
    public static async Task<RemoteInvocationException> FailureOfAsync(Task call) =>
        await Assert.ThrowsAsync<RemoteInvocationException>(() => Wait.For(call, "the failing call"));

    /// <summary>Appends a profile section to the config file.</summary>
    public void AddConfig(string text) => File.AppendAllText(Path.Combine(AwsDirectory, "config"), "\n" + text + "\n");

    public async ValueTask DisposeAsync()
    {
        await Bed.DisposeAsync();
        _aws.Dispose();
    }
}

/// <summary>Typed keys reach the simulated AWS through <c>AWS_ENDPOINT_URL</c>, as a user of a local endpoint would set it.</summary>
public static class EksTestBedKeys
{
    public static EksCredentials AdminKeysWithEndpoint(this EksTestBed bed)
    {
        bed.Variables["AWS_ENDPOINT_URL"] = bed.Aws.Endpoint!.ToString();
        return bed.AdminKeys;
    }
}
