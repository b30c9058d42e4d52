using System.Text.Json.Serialization;
using Kubelink.Protocol.Eks;

namespace Kubelink.Sidecar.Eks;

/// <summary>How an EKS connection gets its AWS credentials; only a profile's name is ever remembered.</summary>
internal enum EksCredentialKind
{
    /// <summary>A named profile.</summary>
    Profile,

    /// <summary>Keys the user typed: held by the extension in SecretStorage, sent again after a restart.</summary>
    TypedKeys,

    /// <summary>The SDK's default chain.</summary>
    DefaultChain,
}

/// <summary>
/// One remembered EKS connection: region, cluster, how to get credentials (a profile name, "typed keys" or the default
/// chain, never a secret) and the cluster's last description, so the entry is back at once after a restart.
/// </summary>
internal sealed record EksConnection(string Region, string Name, EksCredentialKind Kind, string? Profile, EksClusterDescription Cluster)
{
    /// <summary>The catalog id, <c>{region}_{name}</c> (both are letters, digits, <c>-</c> and <c>_</c> in AWS).</summary>
    [JsonIgnore]
    public string Id => $"{Region}_{Name}";

    /// <summary>How the credentials are named in the tree and in messages.</summary>
    [JsonIgnore]
    public string CredentialLabel => Kind switch
    {
        EksCredentialKind.Profile => $"profile {Profile}",
        EksCredentialKind.TypedKeys => "typed keys",
        _ => "default credentials",
    };

    public static EksConnection From(EksCredentials credentials, string region, EksClusterDescription cluster)
    {
        var kind = credentials.AccessKeyId is { Length: > 0 } ? EksCredentialKind.TypedKeys
            : credentials.Profile is { Length: > 0 } ? EksCredentialKind.Profile
            : EksCredentialKind.DefaultChain;
        return new EksConnection(region, cluster.Name, kind, kind == EksCredentialKind.Profile ? credentials.Profile : null, cluster);
    }

    /// <summary>The credentials to sign with when nothing was typed (a profile or the default chain).</summary>
    [JsonIgnore]
    public EksCredentials? StoredCredentials => Kind switch
    {
        EksCredentialKind.Profile => new EksCredentials { Profile = Profile },
        EksCredentialKind.DefaultChain => new EksCredentials(),
        _ => null,
    };
}
