using System.Security.Cryptography.X509Certificates;
using Kubelink.Simulator.Auth;
using Kubelink.Simulator.Aws;
using Kubelink.Simulator.Faults;
using Kubelink.Simulator.Http;
using Kubelink.Simulator.Rbac;
using Kubelink.Simulator.Seeding;
using Kubelink.Simulator.Storage;
using Microsoft.AspNetCore.Builder;

namespace Kubelink.Simulator;

/// <summary>
/// An embedded Kubernetes API server on loopback HTTPS. The cluster state (objects, users, CA) lives as long
/// as this object: <see cref="StopAsync"/> and <see cref="StartAsync"/> stop and resume listening on the same
/// port, and a <see cref="SimulatorOptions.StateFile"/> carries it across processes.
/// </summary>
public sealed class SimulatorServer : IAsyncDisposable
{
    private readonly SimulatorOptions _options;
    private readonly ApiPipeline _pipeline;
    private readonly SemaphoreSlim _lifecycle = new(1, 1);
    private WebApplication? _app;
    private X509Certificate2? _serverCertificate;
    private AdminEndpoint? _admin;
    private AwsEndpoint? _awsEndpoint;
    private int _port;
    private bool _disposed;

    /// <summary>Creates the cluster: restores the state file when it exists, otherwise seeds a fresh one.</summary>
    public SimulatorServer(SimulatorOptions? options = null)
    {
        _options = options ?? new SimulatorOptions();
        _port = _options.Port;
        var state = StateFile.Read(_options.StateFile);
        Core = new SimulatorCore(_options, state?.Authority() ?? CertificateAuthority.Create());
        Connections = new ConnectionTracker();
        Faults = new SimulatorFaults(this, _options.Latency);
        Core.Faults = Faults;
        Store = new SimulatorStore(Core);
        Aws = _options.Aws ? new AwsSimulator(_options.AwsTime, _options.AwsPageSize) : null;
        _pipeline = new ApiPipeline(Core);
        if (state is null)
        {
            new ClusterSeeder(Core).Seed();
        }
        else
        {
            StateFile.Restore(state, Core);
        }
        Core.Store.AddListener(change =>
        {
            if (change.Type.Group == RbacSnapshot.Group)
            {
                ThreadPool.UnsafeQueueUserWorkItem(_ => Core.ReevaluateWatches(), null);
            }

            Core.Persister?.SaveInBackground();
        });
        if (_options.StateFile is { } stateFile)
        {
            Core.Persister = new StatePersister(stateFile, Core);
            if (state is null)
            {
                // The new CA is on disk before anyone can see it: a crash now still restarts with the same one.
                Core.Persister.SaveSoonAsync().GetAwaiter().GetResult();
            }
        }
    }

    /// <summary>Failure injection.</summary>
    public SimulatorFaults Faults { get; }

    /// <summary>Direct access to the objects, bypassing HTTP, authentication and authorization.</summary>
    public SimulatorStore Store { get; }

    /// <summary>The port listened on (known after the first start when the options asked for 0).</summary>
    public int Port => _port;

    /// <summary><c>https://127.0.0.1:PORT</c>.</summary>
    public Uri BaseAddress => _port > 0 ? new Uri($"https://127.0.0.1:{_port}") : throw new InvalidOperationException("The simulator has not started yet.");

    /// <summary>Whether the API port accepts connections right now.</summary>
    public bool IsListening => _app is not null;

    /// <summary>The CA certificate (PEM) that signs the serving and client certificates.</summary>
    public string CaCertificatePem => Core.Ca.CertificatePem;

    /// <summary>The admin endpoint (plain HTTP on loopback), when enabled by <see cref="SimulatorOptions.AdminPort"/>.</summary>
    public Uri? AdminAddress => _admin?.Address;

    /// <summary>The bearer token the admin endpoint requires.</summary>
    public string? AdminToken => _admin?.Token;

    /// <summary>The local AWS, when <see cref="SimulatorOptions.Aws"/> asked for it (its endpoint is known after the first start).</summary>
    public AwsSimulator? Aws { get; }

    internal SimulatorCore Core { get; }

    internal ConnectionTracker Connections { get; }

    /// <summary>Starts (or resumes) listening. Idempotent.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await _lifecycle.WaitAsync(cancellationToken);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_app is null)
            {
                _serverCertificate ??= Core.Ca.IssueServerCertificate();
                (_app, _port) = await ApiHost.StartAsync(_port, _serverCertificate, Core.Ca.Certificate, Connections, _pipeline, cancellationToken);
            }
            if (_options.AdminPort is { } adminPort && _admin is null)
            {
                _admin = await AdminEndpoint.StartAsync(this, adminPort, cancellationToken);
            }
            if (Aws is not null && _awsEndpoint is null)
            {
                await StartAwsAsync(Aws, cancellationToken);
            }
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops listening (new connections are refused, open ones end) and keeps all state.</summary>
    public async Task StopAsync()
    {
        await _lifecycle.WaitAsync();
        try
        {
            if (_app is null)
            {
                return;
            }
            var app = _app;
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
        finally
        {
            _lifecycle.Release();
        }
    }

    /// <summary>Stops and starts again on the same port, like an API server restart.</summary>
    public async Task RestartAsync(CancellationToken cancellationToken = default)
    {
        await StopAsync();
        await StartAsync(cancellationToken);
    }

    /// <summary>Mints a bearer token for a user in the given groups.</summary>
    public string AddTokenUser(string name, IEnumerable<string>? groups = null)
    {
        var token = Core.Users.AddToken(name, groups ?? []);
        Core.Persister?.SaveInBackground();
        return token;
    }

    /// <summary>Whether a credential was minted for the user (a restored state keeps them: mint only when this is false).</summary>
    public bool HasUser(string name) => Core.Users.Latest(name) is not null;

    /// <summary>Mints a client certificate (CN = user, O = groups) and its private key, both PEM.</summary>
    public (string CertificatePem, string KeyPem) AddCertificateUser(string name, IEnumerable<string>? groups = null)
    {
        var groupList = (groups ?? []).ToList();
        var (cert, key) = Core.Ca.IssueClientCertificate(name, groupList);
        Core.Users.RememberCertificate(name, groupList, cert, key);
        Core.Persister?.SaveInBackground();
        return (cert, key);
    }

    /// <summary>
    /// Writes a kubeconfig (mode 0600, CA embedded) for the user's most recently minted credential.
    /// </summary>
    public void WriteKubeconfig(string path, string user, string contextName = "kubelink-sim", string? defaultNamespace = null)
    {
        var credential = Core.Users.Latest(user) ?? throw new ArgumentException($"No credential was minted for user '{user}'.", nameof(user));
        Kubeconfig.Write(path, Kubeconfig.Render(BaseAddress, CaCertificatePem, credential, contextName, defaultNamespace));
    }

    /// <summary>Writes the state file now (atomically, after any save in progress). Does nothing without <see cref="SimulatorOptions.StateFile"/>.</summary>
    public Task SaveStateAsync() => Core.Persister?.SaveSoonAsync() ?? Task.CompletedTask;

    /// <summary>Stops listening and the admin endpoint, and saves the state file when one is configured.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        if (_admin is not null)
        {
            await _admin.DisposeAsync();
        }
        if (_awsEndpoint is not null)
        {
            await _awsEndpoint.DisposeAsync();
        }
        await StopAsync();
        _disposed = true;
        await SaveStateAsync();
        _serverCertificate?.Dispose();
    }

    // The AWS port stays up while the API port is stopped (like the admin port): EKS does not go away with the cluster.
    private async Task StartAwsAsync(AwsSimulator aws, CancellationToken cancellationToken)
    {
        (_awsEndpoint, aws.Endpoint) = await AwsEndpoint.StartAsync(aws, cancellationToken);
        var version = string.Join('.', _options.GitVersion.TrimStart('v').Split('.').Take(2));
        var created = aws.Time.GetUtcNow().AddDays(-30);
        aws.Clusters =
        [
            new EksCluster(AwsSimulator.ClusterName, AwsSimulator.Region, "ACTIVE", version, BaseAddress, CaCertificatePem, created),
            new EksCluster(AwsSimulator.CreatingClusterName, AwsSimulator.Region, "CREATING", version, null, null, aws.Time.GetUtcNow().AddMinutes(-5)),
        ];
        Core.Authenticator.ExternalTokens = new EksTokenReviewer(aws, AwsSimulator.ClusterName).Review;
    }
}
