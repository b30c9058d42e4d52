using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Http;

namespace Kubelink.Simulator;

/// <summary>
/// Reads and writes cluster objects from code, as the API would (same validation, resource versions and watch
/// events) but without HTTP or authorization. Objects are identified by apiVersion and kind.
/// </summary>
public sealed class SimulatorStore
{
    private readonly SimulatorCore _core;

    internal SimulatorStore(SimulatorCore core) => _core = core;

    /// <summary>The current global resource version.</summary>
    public long ResourceVersion => _core.Store.ResourceVersion;

    /// <summary>Creates an object; returns it as stored (uid, resourceVersion, creationTimestamp set).</summary>
    public JsonObject Create(JsonObject obj) => Guard(() => _core.Store.Create(TypeOf(obj), (JsonObject)obj.DeepClone()).ToJsonObject());

    /// <summary>Replaces an object (a stale metadata.resourceVersion fails; none means unconditional).</summary>
    public JsonObject Update(JsonObject obj) => Guard(() => _core.Store.Update(TypeOf(obj), (JsonObject)obj.DeepClone(), null).ToJsonObject());

    /// <summary>Replaces only the status of an object, as PUT on the status subresource does.</summary>
    public JsonObject UpdateStatus(JsonObject obj) => Guard(() => _core.Store.Update(TypeOf(obj), (JsonObject)obj.DeepClone(), "status").ToJsonObject());

    /// <summary>Gets one object, or null.</summary>
    public JsonObject? Get(string apiVersion, string kind, string? ns, string name) =>
        _core.Store.Get(Type(apiVersion, kind).StorageKey, ns ?? "", name)?.ToJsonObject();

    /// <summary>Lists objects of a kind, in one namespace or all.</summary>
    public IReadOnlyList<JsonObject> List(string apiVersion, string kind, string? ns = null) =>
        _core.Store.List(Type(apiVersion, kind).StorageKey, ns, null, 0, null).Items.Select(o => o.ToJsonObject()).ToList();

    /// <summary>Counts objects of a kind.</summary>
    public int Count(string apiVersion, string kind) => _core.Store.Count(Type(apiVersion, kind).StorageKey);

    /// <summary>Deletes an object; false when it did not exist. Deleting a namespace deletes its contents.</summary>
    public bool Delete(string apiVersion, string kind, string? ns, string name)
    {
        try
        {
            _core.Store.Delete(Type(apiVersion, kind), ns ?? "", name);
            return true;
        }
        catch (ApiException ex) when (ex.Code == 404)
        {
            return false;
        }
    }

    /// <summary>Open watches on a kind (lets tests wait until a client's watch is established).</summary>
    public int OpenWatches(string apiVersion, string kind) => _core.Store.OpenWatchCount(Type(apiVersion, kind).StorageKey);

    /// <summary>Serves an extra kind from now on (what a CRD does, without the CRD object).</summary>
    public void RegisterKind(ResourceType type) => _core.Registry.Register([type]);

    private ResourceType TypeOf(JsonObject obj) =>
        Type(obj["apiVersion"]?.ToString() ?? throw new ArgumentException("apiVersion is required"),
            obj["kind"]?.ToString() ?? throw new ArgumentException("kind is required"));

    private ResourceType Type(string apiVersion, string kind) =>
        _core.Registry.FindByKind(apiVersion, kind) ?? throw new ArgumentException($"{kind} in {apiVersion} is not served");

    private static T Guard<T>(Func<T> action)
    {
        try
        {
            return action();
        }
        catch (ApiException ex)
        {
            throw new SimulatorApiException(ex.Code, ex.Reason, ex.Message);
        }
    }
}

/// <summary>An API failure (conflict, not found, invalid...) raised by a <see cref="SimulatorStore"/> call.</summary>
public sealed class SimulatorApiException(int code, string reason, string message) : Exception(message)
{
    /// <summary>The HTTP status code the API would answer.</summary>
    public int Code { get; } = code;

    /// <summary>The Status reason (NotFound, AlreadyExists, Conflict, Invalid...).</summary>
    public string Reason { get; } = reason;
}
