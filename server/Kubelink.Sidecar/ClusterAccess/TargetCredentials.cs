using System.Text;
using System.Text.Json.Nodes;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.Kubeconfig;

namespace Kubelink.Sidecar.ClusterAccess;

/// <summary>
/// Resolves a ClusterAccess's CA and credential from Secrets and ConfigMaps of the management cluster into a context for the
/// target, one kind of <c>spec.auth</c> at a time. Each failure names the object and key, so the status tells what to fix.
/// </summary>
internal static class TargetCredentials
{
    public static async Task<(ResolvedContext Context, string? CaPem, string AuthType)> ResolveAsync(KubeRest management, ClusterAccessSpec spec, CancellationToken cancellationToken)
    {
        var caPem = spec.CaSecret is { } caSecret ? await SecretKeyAsync(management, caSecret, caSecret.Key ?? "ca.crt", cancellationToken).ConfigureAwait(false)
            : spec.CaConfigMap is { } caMap ? await ConfigMapKeyAsync(management, caMap, caMap.Key ?? "ca.crt", cancellationToken).ConfigureAwait(false)
            : null;
        var cluster = new ClusterConfig(spec.Host, null, caPem is null ? null : KubeConnection.Base64(caPem), false, null, null);
        var auth = spec.Auth ?? [];
        if (KeyRef.From(auth["secretRef"]) is { } tokenRef)
        {
            var token = (await SecretKeyAsync(management, tokenRef, tokenRef.Key ?? "token", cancellationToken).ConfigureAwait(false)).Trim();
            return (KubeConnection.Synthetic(spec.Name, cluster, User(token: token)), caPem, "token");
        }
        if (KeyRef.From(auth["kubeconfigSecretRef"]) is { } kubeconfigRef)
        {
            var text = await SecretKeyAsync(management, kubeconfigRef, "kubeconfig", cancellationToken).ConfigureAwait(false);
            var context = KubeConnection.FromKubeconfig($"/secrets/{kubeconfigRef.Namespace}/{kubeconfigRef.Name}/kubeconfig", text, null);
            // spec.host and spec.ca win over the kubeconfig's server and CA: the object is what the operator reviewed.
            var merged = context.Cluster.Value with
            {
                Server = spec.Host,
                CertificateAuthorityData = cluster.CertificateAuthorityData ?? context.Cluster.Value.CertificateAuthorityData,
                CertificateAuthority = cluster.CertificateAuthorityData is null ? context.Cluster.Value.CertificateAuthority : null,
            };
            return (context with { Cluster = context.Cluster with { Value = merged } }, caPem, "kubeconfig");
        }
        if (KeyRef.From(auth["clientCertificateRef"]) is { } certRef)
        {
            var cert = await SecretKeyAsync(management, certRef, "tls.crt", cancellationToken).ConfigureAwait(false);
            var key = await SecretKeyAsync(management, certRef, "tls.key", cancellationToken).ConfigureAwait(false);
            return (KubeConnection.Synthetic(spec.Name, cluster, User(certData: KubeConnection.Base64(cert), keyData: KubeConnection.Base64(key))), caPem, "clientCert");
        }
        if (auth["serviceAccount"] is JsonObject account && KeyRef.From(account) is { } accountRef)
        {
            var token = await MintTokenAsync(management, accountRef, account, cancellationToken).ConfigureAwait(false);
            return (KubeConnection.Synthetic(spec.Name, cluster, User(token: token)), caPem, "serviceAccount");
        }
        throw new ClusterAccessProblem("InvalidSpec", "spec.auth names none of secretRef, kubeconfigSecretRef, clientCertificateRef, serviceAccount: the listener has no way to authenticate to the target.");
    }

    private static UserConfig User(string? token = null, string? certData = null, string? keyData = null) =>
        new(token, null, null, certData, null, keyData, null, null, null, null);

    public static async Task<string> SecretKeyAsync(KubeRest management, KeyRef reference, string key, CancellationToken cancellationToken)
    {
        var secret = await GetAsync(management, $"/api/v1/namespaces/{reference.Namespace}/secrets/{reference.Name}", "Secret", reference, cancellationToken).ConfigureAwait(false);
        if (secret["data"]?[key]?.ToString() is not { Length: > 0 } data)
        {
            throw new ClusterAccessProblem("KeyMissing", $"Secret {reference.Namespace}/{reference.Name} has no key '{key}'.");
        }
        return Encoding.UTF8.GetString(Convert.FromBase64String(data));
    }

    private static async Task<string> ConfigMapKeyAsync(KubeRest management, KeyRef reference, string key, CancellationToken cancellationToken)
    {
        var map = await GetAsync(management, $"/api/v1/namespaces/{reference.Namespace}/configmaps/{reference.Name}", "ConfigMap", reference, cancellationToken).ConfigureAwait(false);
        return map["data"]?[key]?.ToString() is { Length: > 0 } value
            ? value
            : throw new ClusterAccessProblem("KeyMissing", $"ConfigMap {reference.Namespace}/{reference.Name} has no key '{key}'.");
    }

    private static async Task<JsonObject> GetAsync(KubeRest management, string path, string kind, KeyRef reference, CancellationToken cancellationToken)
    {
        try
        {
            return await management.GetAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (KubeCallError e) when (e.Status == 404)
        {
            throw new ClusterAccessProblem(kind + "Missing", $"{kind} {reference.Namespace}/{reference.Name} does not exist in the management cluster.");
        }
        catch (KubeCallError e) when (e.Status == 403)
        {
            throw new ClusterAccessProblem("Forbidden", $"The listener may not read {kind} {reference.Namespace}/{reference.Name}: {e.Message}");
        }
    }

    // TokenRequest for the named service account (audiences and lifetime as the object asks), on the management cluster.
    private static async Task<string> MintTokenAsync(KubeRest management, KeyRef reference, JsonObject account, CancellationToken cancellationToken)
    {
        var spec = new JsonObject();
        if (account["audience"] is JsonArray audiences)
        {
            spec["audiences"] = audiences.DeepClone();
        }
        if (account["token_expiration"]?.ToString() is { } expiration && TimeSpan.TryParse(expiration, System.Globalization.CultureInfo.InvariantCulture, out var lifetime))
        {
            spec["expirationSeconds"] = (long)lifetime.TotalSeconds;
        }
        var body = new JsonObject { ["apiVersion"] = "authentication.k8s.io/v1", ["kind"] = "TokenRequest", ["spec"] = spec };
        try
        {
            var response = await management.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{reference.Namespace}/serviceaccounts/{reference.Name}/token", body, null, cancellationToken).ConfigureAwait(false);
            return response["status"]?["token"]?.ToString() ?? throw new ClusterAccessProblem("TokenRequestFailed", "The TokenRequest answer carries no status.token.");
        }
        catch (KubeCallError e) when (e.Status == 404)
        {
            throw new ClusterAccessProblem("ServiceAccountMissing", $"ServiceAccount {reference.Namespace}/{reference.Name} does not exist (or the server has no TokenRequest): {e.Message}");
        }
    }
}
