using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Hosting;
using Kubelink.Sidecar.Sources;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// Simulated clusters as a cluster source of the sidecar: each one is a catalog entry whose target is its own endpoint
/// (its CA, its token), so it connects like any cluster. The agent (and its embedded main cluster) starts only when there
/// are clusters to bring back or one is created: an idle sidecar does not pay for a simulator.
/// </summary>
internal sealed class SimulatedSource(StatePaths paths, TimeProvider time, ILoggerFactory loggers) : IClusterSource, IHostedService, IAsyncDisposable
{
    private readonly SemaphoreSlim _start = new(1, 1);
    private readonly SemaphoreSlim _publish = new(1, 1);
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private SimulatedAgent? _agent;
    private Rancher.RancherSettings? _rancher;

    public ClusterSourceKind Kind => ClusterSourceKind.Simulated;

    public SourceSnapshot Current { get; private set; } = SourceSnapshot.Empty;

    public Task Ready => _ready.Task;

    public event Func<SourceSnapshot, Task>? Changed;

    public string StateDir => Path.Combine(paths.Root, "simulated");

    /// <summary>
    /// The user's template, when they put one there (the editor has no <c>--template</c> flag); read when the agent starts,
    /// so a change applies to clusters created after the next sidecar start.
    /// </summary>
    public string TemplateFile => Path.Combine(StateDir, "template.yaml");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(new AgentStateFile(StateDir).Path))
        {
            _ready.TrySetResult();
            return Task.CompletedTask;
        }
        // Clusters to bring back: in the background, so the sidecar's start does not wait for the main cluster.
        _ = Task.Run(async () =>
        {
            try
            {
                await AgentAsync(CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or MainApiException or HttpRequestException)
            {
                SourceLog.StartFailed(loggers.CreateLogger<SimulatedSource>(), e.Message);
            }
            finally
            {
                _ready.TrySetResult();
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task RefreshAsync(CancellationToken cancellationToken) => _agent is null ? Task.CompletedTask : PublishAsync(_agent.Keeper.Current);

    /// <summary>The running agent, started on first use (single-flight).</summary>
    public async Task<SimulatedAgent> AgentAsync(CancellationToken cancellationToken)
    {
        if (_agent is { } running)
        {
            return running;
        }
        await _start.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_agent is null)
            {
                var agent = new SimulatedAgent(new AgentOptions { StateDir = StateDir, TemplatePath = File.Exists(TemplateFile) ? TemplateFile : null, Rancher = _rancher }, time, loggers);
                try
                {
                    await agent.StartAsync(cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    // A start that failed half-way (the main cluster refused) must not leave its embedded simulator listening.
                    await agent.DisposeAsync().ConfigureAwait(false);
                    throw;
                }
                agent.Keeper.Changed += state => _ = PublishAsync(state);
                _agent = agent;
                await PublishAsync(agent.Keeper.Current).ConfigureAwait(false);
            }
            return _agent;
        }
        finally
        {
            _start.Release();
        }
    }

    /// <summary>
    /// The editor's Rancher import settings: applied to the running agent at once, else kept for when it starts (no agent
    /// is started for them: with no clusters there is nothing to import).
    /// </summary>
    public async Task ConfigureRancherAsync(Rancher.RancherSettings? settings, CancellationToken cancellationToken)
    {
        await _start.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _rancher = settings;
            if (_agent is { } agent)
            {
                await agent.ConfigureRancherAsync(settings, cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            _start.Release();
        }
    }

    /// <summary>Publishes the newest state (serialised, so an older one never lands after a newer one).</summary>
    private async Task PublishAsync(AgentState _)
    {
        await _publish.WaitAsync().ConfigureAwait(false);
        try
        {
            var agent = _agent;
            if (agent is null)
            {
                return;
            }
            Current = Snapshot(agent.Keeper.Current, agent.CaPem);
            await SourceEvents.RaiseAsync(Changed, Current).ConfigureAwait(false);
        }
        finally
        {
            _publish.Release();
        }
    }

    public static string EntryId(string name) => $"simulated_{name}";

    /// <summary>The tree row's Rancher part: nothing when no Rancher is configured, else its state and why it is not connected.</summary>
    public static string RancherNote(RancherState rancher) => rancher.State switch
    {
        "disabled" => "",
        _ when rancher.Reason is { } why => $" · Rancher {rancher.State}: {why}",
        _ => $" · Rancher {rancher.State}",
    };

    private static SourceSnapshot Snapshot(AgentState state, string caPem)
    {
        var entries = new List<CatalogEntry>();
        var targets = new Dictionary<string, ConnectionTarget>(StringComparer.Ordinal);
        foreach (var cluster in state.Clusters.Values.Where(c => c.Status != ClusterStatus.Deleting))
        {
            var id = EntryId(cluster.Name);
            var server = new Uri($"https://127.0.0.1:{cluster.Port}");
            entries.Add(new CatalogEntry
            {
                Id = id,
                SourceKind = ClusterSourceKind.Simulated,
                Name = cluster.Name,
                ContextName = cluster.Name,
                Source = (cluster.Reason is { } reason ? $"simulated, {cluster.Status.ToString().ToLowerInvariant()}: {reason}" : $"simulated, {cluster.Status.ToString().ToLowerInvariant()}") + RancherNote(cluster.Rancher),
                SourceGroup = "simulated clusters",
                Server = server.ToString(),
                User = "kubelink-agent",
                Namespace = cluster.Namespace,
                State = CatalogEntryState.Valid,
                Error = null,
                IsCurrentContext = false,
                Line = null,
            });
            targets[id] = new ConnectionTarget
            {
                Server = server,
                Tls = new TlsOptions { CertificateAuthority = PemSource.FromText(caPem) },
                Credentials = new BearerTokenCredentials(cluster.Token),
            };
        }
        return new SourceSnapshot(entries, targets);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _agent, null) is { } agent)
        {
            await agent.DisposeAsync().ConfigureAwait(false);
        }
    }
}

internal static partial class SourceLog
{
    [LoggerMessage(Level = LogLevel.Warning, Message = "Simulated clusters could not be brought back: {Reason}")]
    public static partial void StartFailed(ILogger logger, string reason);
}
