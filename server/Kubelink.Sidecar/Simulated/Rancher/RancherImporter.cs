using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Simulated.Rancher;

/// <summary>Rancher no longer has the cluster the state names: it was deleted on the Rancher side.</summary>
internal sealed class RancherClusterGoneException(string clusterId) : Exception($"cluster {clusterId} was deleted in Rancher")
{
    public string ClusterId { get; } = clusterId;
}

/// <summary>What the tunnels need: Rancher's id of the cluster and the agent token read back from the credentials Secret.</summary>
internal sealed record ImportResult(string ClusterId, string Token);

/// <summary>
/// The seed's import steps for one cluster, each safe to repeat (a restart runs them again): find or create the imported
/// cluster, get a registration token, fetch and apply the import YAML scoped to the tenant, then poll for the credentials
/// Secret and read its token.
/// </summary>
internal sealed class RancherImporter(RancherApi rancher, MainApi main, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan SecretPoll = TimeSpan.FromSeconds(1);
    public const int SecretPolls = 30;

    /// <summary>Imports; <paramref name="knownId"/> is the id a previous run saved (Rancher must still have it).</summary>
    public async Task<ImportResult> ImportAsync(string cluster, string? knownId, Func<string, Task> saveId, CancellationToken cancellationToken)
    {
        string id;
        if (knownId is not null)
        {
            id = await rancher.StillHasAsync(knownId, cancellationToken).ConfigureAwait(false) ? knownId : throw new RancherClusterGoneException(knownId);
        }
        else
        {
            id = (await rancher.FindClusterAsync(cluster, cancellationToken).ConfigureAwait(false))?["id"]?.ToString()
                ?? await rancher.CreateClusterAsync(cluster, cancellationToken).ConfigureAwait(false);
            await saveId(id).ConfigureAwait(false); // before anything else: a crash now must not create a second Rancher cluster
        }
        var registration = await rancher.RegistrationTokenAsync(id, time, cancellationToken).ConfigureAwait(false);
        var manifest = ImportManifest.Parse(await rancher.ImportYamlAsync(registration, id, cancellationToken).ConfigureAwait(false), cluster);
        foreach (var item in manifest.Objects)
        {
            await main.CreateAsync(item.CollectionPath, item.Body, cancellationToken).ConfigureAwait(false);
        }
        if (manifest.Skipped.Count > 0)
        {
            RancherLog.Skipped(logger, cluster, string.Join(", ", manifest.Skipped));
        }
        var token = await ReadTokenAsync(ClusterName.Namespace(cluster), manifest.CredentialsSecret, cancellationToken).ConfigureAwait(false);
        await WriteSteveSecretAsync(cluster, token, cancellationToken).ConfigureAwait(false);
        return new ImportResult(id, token);
    }

    /// <summary>Polls for the credentials Secret (a real main cluster may take a moment, an admission webhook may delay it).</summary>
    private async Task<string> ReadTokenAsync(string ns, string name, CancellationToken cancellationToken)
    {
        for (var poll = 1; ; poll++)
        {
            if (await main.GetAsync($"api/v1/namespaces/{ns}/secrets/{name}", cancellationToken).ConfigureAwait(false) is { } secret)
            {
                return ImportManifest.CredentialsToken(secret);
            }
            if (poll == SecretPolls)
            {
                throw new ImportManifestException($"Secret {ns}/{name} did not appear on the main cluster after the import YAML was applied");
            }
            await Task.Delay(SecretPoll, time, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The real agent's <c>cattle-system/stv-aggregation</c> Secret (url and token of the steve tunnel), in the tenant.</summary>
    private async Task WriteSteveSecretAsync(string cluster, string token, CancellationToken cancellationToken)
    {
        var ns = ClusterName.Namespace(cluster);
        var secret = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = "stv-aggregation",
                ["namespace"] = ns,
                ["labels"] = new JsonObject { [TenantObjects.ClusterLabel] = cluster, ["logical-cluster"] = cluster },
            },
            ["data"] = new JsonObject
            {
                ["url"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(new Uri(rancher.Settings.Url, "v3/connect").ToString())),
                ["token"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(RancherTunnels.SteveToken(token))),
            },
        };
        await main.CreateAsync($"api/v1/namespaces/{ns}/secrets", secret, cancellationToken).ConfigureAwait(false);
    }
}
