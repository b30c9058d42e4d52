using System.Text.Json.Nodes;
using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.Kubeconfig;

namespace Kubelink.Sidecar.ClusterAccess.Source;

/// <summary>One catalog entry per ClusterAccess object, and the target of each one whose credential resolves.</summary>
internal sealed record ClusterAccessEntry(CatalogEntry Entry, ConnectionTarget? Target, string ResourceVersion, bool Minted);

/// <summary>
/// Reads the ClusterAccess objects of one connected management cluster, resolving each one's Secrets exactly as the listener
/// does (<see cref="TargetCredentials"/>), with the management cluster's connected identity. An object that does not resolve
/// is listed, invalid, with the listener's own message, so the tree says what to fix.
/// </summary>
internal static class ClusterAccessEntries
{
    public const string IdPrefix = "clusteraccess_";

    public static string Id(string managementId, string name) => $"{IdPrefix}{managementId}_{name}";

    /// <summary>
    /// The entries, or null when the cluster is no management cluster for this identity (no ClusterAccess kind, or it may
    /// not list them). A token minted for a service account is reused while the object is unchanged (<paramref name="known"/>),
    /// since a new token would be a new target and reconnect the cluster at every read.
    /// </summary>
    public static async Task<IReadOnlyList<ClusterAccessEntry>?> ReadAsync(KubeRest management, string managementId, string managementName, IReadOnlyDictionary<string, ClusterAccessEntry> known, CancellationToken cancellationToken)
    {
        JsonObject list;
        try
        {
            list = await management.GetAsync(ClusterAccessSpec.Collection, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeCallError e) when (e.Status is 404 or 403)
        {
            return null;
        }
        var result = new List<ClusterAccessEntry>();
        foreach (var item in (list["items"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var name = item["metadata"]?["name"]?.ToString() ?? "";
            var version = item["metadata"]?["resourceVersion"]?.ToString() ?? "";
            var id = Id(managementId, name);
            if (known.TryGetValue(id, out var previous) && previous.Minted && previous.ResourceVersion == version)
            {
                result.Add(previous with { Entry = previous.Entry with { SourceGroup = managementName } });
                continue;
            }
            result.Add(await ResolveAsync(management, item, id, name, version, managementName, cancellationToken).ConfigureAwait(false));
        }
        return result;
    }

    private static async Task<ClusterAccessEntry> ResolveAsync(KubeRest management, JsonObject item, string id, string name, string version, string managementName, CancellationToken cancellationToken)
    {
        var host = item["spec"]?["host"]?.ToString();
        var entry = new CatalogEntry
        {
            Id = id,
            SourceKind = ClusterSourceKind.ClusterAccess,
            Name = name,
            ContextName = name,
            Source = $"clusteraccess/{name} in {managementName}",
            SourceGroup = managementName,
            Server = host,
            User = null,
            Namespace = null,
            State = CatalogEntryState.Valid,
            Error = null,
            IsCurrentContext = false,
            Line = null,
        };
        try
        {
            var spec = ClusterAccessSpec.Parse(item);
            var (context, _, authType) = await TargetCredentials.ResolveAsync(management, spec, cancellationToken).ConfigureAwait(false);
            return new(entry with { User = authType }, KubeconfigTargets.From(context), version, authType == "serviceAccount");
        }
        catch (Exception e) when (e is ClusterAccessProblem or KubeCallError or FormatException)
        {
            var error = new CatalogError { Code = KubeconfigProblem.ClusterAccessUnresolved, Message = $"{e.Message} (ClusterAccess {name} in {managementName})", File = "", Line = null };
            return new(entry with { State = CatalogEntryState.Invalid, Error = error }, null, version, false);
        }
    }
}
