using Kubelink.Sidecar.IO;
using System.Collections.Concurrent;
using System.Security.Cryptography;
using Kubelink.Simulator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;

namespace Kubelink.Sidecar.Simulated;

/// <summary>Why a create or delete was refused: the HTTP status and RPC error follow from the kind.</summary>
internal sealed class AgentRequestException(int status, string message) : Exception(message)
{
    public int Status { get; } = status;
}

/// <summary>
/// Simulated clusters as tenants of a main cluster (docs/simulated-clusters.md). Owns the state (through
/// <see cref="StateKeeper"/>), the endpoints and the background work. Every step is safe to repeat, which is what makes
/// restart after a <c>kill -9</c> simple: load the state, start the endpoints on their ports, run each cluster's set-up again.
/// </summary>
internal sealed partial class SimulatedAgent : IAsyncDisposable
{
    private readonly AgentOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, ClusterEndpoint> _endpoints = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _settled = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _background = [];
    private SemaphoreSlim _setupSlots = new(1, 1);
    private SimulatorServer? _embedded;
    private MainCluster? _main;
    private EndpointCertificate? _certificate;
    private TenantPopulator? _populator;
    private int _disposed;

    public SimulatedAgent(AgentOptions options, TimeProvider time, ILoggerFactory loggers)
    {
        _options = options;
        _time = time;
        _logger = loggers.CreateLogger("Kubelink.Simulated.Agent");
        Keeper = new StateKeeper(new AgentStateFile(options.StateDir), new AgentState());
    }

    public StateKeeper Keeper { get; private set; }

    public AgentOptions Options => _options;

    /// <summary>The embedded main cluster, when the agent runs one (tests and the benchmark look at it directly).</summary>
    public SimulatorServer? Embedded => _embedded;

    public MainCluster Main => _main ?? throw new InvalidOperationException("The agent has not started.");

    /// <summary>The CA every endpoint's certificate chains to (what a kubeconfig or a catalog target trusts).</summary>
    public string CaPem => _certificate?.CaPem ?? throw new InvalidOperationException("The agent has not started.");

    private EndpointContext? Shared { get; set; }

    /// <summary>Loads the state, ensures the main cluster, brings every cluster back, then starts the loops.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        PrivateFile.CreateDirectory(_options.StateDir);
        PrivateFile.CreateDirectory(Path.Combine(_options.StateDir, "clusters"));
        var file = new AgentStateFile(_options.StateDir);
        Keeper = new StateKeeper(file, file.Load());
        var template = ClusterTemplate.Load(_options.TemplatePath);
        _setupSlots = new SemaphoreSlim(_options.SetupConcurrency);
        var kubeconfig = _options.MainKubeconfig;
        if (kubeconfig is null)
        {
            (_embedded, kubeconfig) = await EmbeddedMain.StartAsync(_options.StateDir, Keeper.Current.MainPort, cancellationToken).ConfigureAwait(false);
            var port = _embedded.Port;
            await Keeper.UpdateAsync(s => s.MainPort == port ? s : s with { MainPort = port }).ConfigureAwait(false);
        }
        _main = MainCluster.Open(kubeconfig, _time);
        await _main.CheckAsync(cancellationToken).ConfigureAwait(false);
        AgentLog.MainCluster(_logger, _main.Server, _embedded is null ? "given kubeconfig" : "embedded simulator");
        _populator = new TenantPopulator(_main.Api, template, _time, _logger);
        _certificate = EndpointCertificate.LoadOrCreate(_options.StateDir);
        var forwarder = new ServiceCollection().AddLogging().AddHttpForwarder().BuildServiceProvider().GetRequiredService<IHttpForwarder>();
        Shared = new EndpointContext(_main, _certificate, forwarder);
        await StartRancherAsync(cancellationToken).ConfigureAwait(false);

        foreach (var cluster in Keeper.Current.Clusters.Values)
        {
            if (cluster.Status == ClusterStatus.Deleting)
            {
                _background.Add(Task.Run(() => FinishDeleteAsync(cluster.Name, "deletion resumed after a restart")));
                continue;
            }
            await StartEndpointAsync(cluster, cluster.Port, cancellationToken).ConfigureAwait(false);
            _background.Add(Task.Run(() => SetUpAsync(cluster.Name)));
        }
        _background.Add(Task.Run(() => LoopAsync(_options.ReconcileInterval, ReconcileAllAsync)));
        _background.Add(Task.Run(() => LoopAsync(_options.ProbeInterval, ProbeAllAsync)));
    }

    /// <summary>Accepts a new cluster: answers at once with status <c>creating</c>; set-up continues in the background.</summary>
    public async Task<SimulatedCluster> CreateAsync(string? name, EndpointOptions endpoint, CancellationToken cancellationToken)
    {
        if (ClusterName.Problem(name) is { } problem)
        {
            throw new AgentRequestException(400, problem);
        }
        if (Keeper.Current.Clusters.ContainsKey(name!))
        {
            throw new AgentRequestException(409, $"a simulated cluster named '{name}' already exists");
        }
        var cluster = new SimulatedCluster
        {
            Name = name!,
            Token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            Endpoint = endpoint,
            CreatedAt = _time.GetUtcNow(),
        };
        // The endpoint binds first so the port in the state is one we hold; a lost race for the name gives it back.
        var started = await ClusterEndpoint.StartAsync(cluster, 0, Shared!, cancellationToken).ConfigureAwait(false);
        cluster = cluster with { Port = started.Port };
        try
        {
            await Keeper.UpdateAsync(s => s.Clusters.ContainsKey(cluster.Name)
                ? throw new AgentRequestException(409, $"a simulated cluster named '{cluster.Name}' already exists")
                : s with { Clusters = s.Clusters.Add(cluster.Name, cluster) }).ConfigureAwait(false);
        }
        catch
        {
            await started.DisposeAsync().ConfigureAwait(false);
            throw;
        }
        _endpoints[cluster.Name] = started;
        WriteKubeconfig(cluster);
        AgentLog.EndpointStarted(_logger, cluster.Name, cluster.Port);
        _ = Task.Run(() => SetUpAsync(cluster.Name));
        return cluster;
    }

    public SimulatedCluster? Get(string name) => Keeper.Current.Clusters.GetValueOrDefault(name);

    public IReadOnlyCollection<SimulatedCluster> List() => Keeper.Current.Clusters.Values.ToList();

    /// <summary>Removes the endpoint, the tenant's objects and the state entry; answers once all are gone.</summary>
    public async Task DeleteAsync(string name)
    {
        var marked = await Keeper.UpdateClusterAsync(name, c => c with { Status = ClusterStatus.Deleting, Reason = null }).ConfigureAwait(false)
            ?? throw new AgentRequestException(404, $"no simulated cluster named '{name}'");
        await FinishDeleteAsync(marked.Name, "deleted on request").ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return; // the host disposes its singletons both ways
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        await Task.WhenAll(_background.Select(t => t.ContinueWith(_ => { }, TaskScheduler.Default))).ConfigureAwait(false);
        await DisposeRancherAsync().ConfigureAwait(false);
        foreach (var endpoint in _endpoints.Values)
        {
            await endpoint.DisposeAsync().ConfigureAwait(false);
        }
        _main?.Dispose();
        _certificate?.Dispose();
        if (_embedded is not null)
        {
            await _embedded.DisposeAsync().ConfigureAwait(false);
        }
        _stop.Dispose();
    }
}
