namespace Kubelink.Simulator.Discovery;

/// <summary>
/// The kinds the simulator serves. Copy-on-write, so readers (every request) never lock;
/// writers are rare (start-up and CRD changes).
/// </summary>
internal sealed class ResourceRegistry
{
    private readonly object _writeLock = new();
    private volatile IReadOnlyList<ResourceType> _all = [];
    private long _generation;

    /// <summary>Every served resource/version, in registration order.</summary>
    public IReadOnlyList<ResourceType> All => _all;

    /// <summary>Bumped on every change, so cached discovery and OpenAPI documents know when to rebuild.</summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>Adds or replaces (same group, version, plural) resource types.</summary>
    public void Register(IEnumerable<ResourceType> types)
    {
        lock (_writeLock)
        {
            var list = _all.ToList();
            foreach (var type in types)
            {
                var index = list.FindIndex(t => Same(t, type));
                if (index >= 0)
                {
                    list[index] = type;
                }
                else
                {
                    list.Add(type);
                }
            }
            _all = list;
            Interlocked.Increment(ref _generation);
        }
    }

    /// <summary>Replaces every version of one group/plural with the given set (possibly empty).</summary>
    public void ReplaceVersions(StorageKey key, IReadOnlyList<ResourceType> versions)
    {
        lock (_writeLock)
        {
            var list = _all.Where(t => t.StorageKey != key).ToList();
            list.AddRange(versions);
            _all = list;
            Interlocked.Increment(ref _generation);
        }
    }

    /// <summary>Finds a resource by URL coordinates.</summary>
    public ResourceType? Find(string group, string version, string plural)
    {
        foreach (var type in _all)
        {
            if (type.Plural == plural && type.Version == version && type.Group == group)
            {
                return type;
            }
        }
        return null;
    }

    /// <summary>Finds a resource by the apiVersion and kind an object declares.</summary>
    public ResourceType? FindByKind(string apiVersion, string kind)
    {
        foreach (var type in _all)
        {
            if (type.Kind == kind && type.ApiVersion == apiVersion)
            {
                return type;
            }
        }
        return null;
    }

    /// <summary>The version that owns storage for a group/plural.</summary>
    public ResourceType? StorageType(StorageKey key)
    {
        ResourceType? any = null;
        foreach (var type in _all)
        {
            if (type.StorageKey == key)
            {
                if (type.StorageVersion)
                {
                    return type;
                }
                any ??= type;
            }
        }
        return any;
    }

    /// <summary>Resources of one group/version.</summary>
    public IReadOnlyList<ResourceType> ForGroupVersion(string group, string version) =>
        _all.Where(t => t.Group == group && t.Version == version).ToList();

    /// <summary>Non-core groups with their versions, preferred version first.</summary>
    public IReadOnlyList<(string Group, IReadOnlyList<string> Versions)> Groups()
    {
        var result = new List<(string, IReadOnlyList<string>)>();
        foreach (var group in _all.Where(t => t.Group.Length > 0).Select(t => t.Group).Distinct())
        {
            var versions = _all.Where(t => t.Group == group).Select(t => t.Version).Distinct()
                .OrderBy(v => v, KubeVersionComparer.Instance).ToList();
            result.Add((group, versions));
        }
        return result;
    }

    private static bool Same(ResourceType a, ResourceType b) =>
        a.Group == b.Group && a.Version == b.Version && a.Plural == b.Plural;
}
