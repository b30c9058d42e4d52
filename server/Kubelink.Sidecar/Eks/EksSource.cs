using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Eks;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Sources;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// The EKS cluster source: the remembered connections (<see cref="EksConnectionStore"/>) as catalog entries with an
/// in-process token credential. A cluster that is not ACTIVE, or whose typed keys this sidecar has not been given yet,
/// is listed as invalid with the reason. Changes come only from <c>eks/connect</c> and <c>eks/disconnect</c>.
/// </summary>
internal sealed class EksSource : IClusterSource
{
    private readonly EksConnectionStore _store;
    private readonly AwsCredentialResolver _resolver;
    private readonly EksClient _eks;
    private readonly object _lock = new();
    // Read from the store on first use (under _lock), not in the constructor: the whole DI graph is built before the
    // sidecar's first answer, and the list is only needed once the catalog is asked for (docs/decisions/0060-start-path.md).
    private Dictionary<string, EksConnection>? _loaded;
    private SourceSnapshot? _current;
    // Typed keys live in memory only, per connection id; the extension sends them again after a restart.
    private readonly Dictionary<string, EksCredentials> _typedKeys = new(StringComparer.Ordinal);

    public EksSource(EksConnectionStore store, AwsCredentialResolver resolver, EksClient eks)
    {
        _store = store;
        _resolver = resolver;
        _eks = eks;
    }

    private Dictionary<string, EksConnection> Connections => _loaded ??= _store.Load().ToDictionary(c => c.Id, StringComparer.Ordinal);

    public ClusterSourceKind Kind => ClusterSourceKind.Eks;

    public SourceSnapshot Current
    {
        get
        {
            lock (_lock)
            {
                return _current ??= Build();
            }
        }
    }

    public Task Ready => Task.CompletedTask;

    public event Func<SourceSnapshot, Task>? Changed;

    /// <summary>
    /// Describes every connection again (a CREATING cluster that became ACTIVE, a new endpoint or CA) with the credentials
    /// it has; a connection whose describe fails keeps its last description (the failure is AWS's to report at connect).
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        List<(EksConnection Connection, EksCredentials Credentials)> known;
        lock (_lock)
        {
            known = Connections.Values.Select(c => (c, c.StoredCredentials ?? _typedKeys.GetValueOrDefault(c.Id)))
                .Where(p => p.Item2 is not null).Select(p => (p.c, p.Item2!)).ToList();
        }
        foreach (var (connection, credentials) in known)
        {
            try
            {
                var cluster = await _eks.DescribeClusterAsync(_resolver.Resolve(credentials, connection.Region), connection.Name, cancellationToken).ConfigureAwait(false);
                lock (_lock)
                {
                    if (Connections.ContainsKey(connection.Id))
                    {
                        Connections[connection.Id] = connection with { Cluster = cluster };
                    }
                }
            }
            catch (AwsException)
            {
                // Kept as it was: the entry still says what AWS last reported, and connecting reports the failure.
            }
        }
        lock (_lock)
        {
            _store.Save(Connections.Values);
        }
        await PublishAsync().ConfigureAwait(false);
    }

    public CatalogEntry? Entry(string id) => Current.Entries.FirstOrDefault(e => e.Id == id);

    /// <summary>Adds or replaces a connection and publishes it; answers its entry.</summary>
    public async Task<CatalogEntry> AddAsync(EksConnection connection, EksCredentials credentials)
    {
        lock (_lock)
        {
            Connections[connection.Id] = connection;
            if (connection.Kind == EksCredentialKind.TypedKeys)
            {
                _typedKeys[connection.Id] = credentials;
            }
            _store.Save(Connections.Values);
        }
        await PublishAsync().ConfigureAwait(false);
        return Entry(connection.Id)!;
    }

    /// <summary>Forgets a connection; false when there was none.</summary>
    public async Task<bool> RemoveAsync(string id)
    {
        lock (_lock)
        {
            _typedKeys.Remove(id);
            if (!Connections.Remove(id))
            {
                return false;
            }
            _store.Save(Connections.Values);
        }
        await PublishAsync().ConfigureAwait(false);
        return true;
    }

    private Task PublishAsync()
    {
        lock (_lock)
        {
            _current = Build();
        }
        return SourceEvents.RaiseAsync(Changed, Current);
    }

    private SourceSnapshot Build()
    {
        var entries = new List<CatalogEntry>();
        var targets = new Dictionary<string, ConnectionTarget>(StringComparer.Ordinal);
        foreach (var connection in Connections.Values.OrderBy(c => c.Region, StringComparer.Ordinal).ThenBy(c => c.Name, StringComparer.Ordinal))
        {
            var credentials = connection.StoredCredentials ?? _typedKeys.GetValueOrDefault(connection.Id);
            var problem = EksEntries.Problem(connection, credentials is not null);
            entries.Add(EksEntries.Entry(connection, problem, _store.FilePath));
            if (problem is null)
            {
                targets[connection.Id] = EksEntries.Target(connection, credentials!);
            }
        }
        return new SourceSnapshot(entries, targets);
    }
}
