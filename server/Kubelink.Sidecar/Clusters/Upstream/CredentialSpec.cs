using System.Net.Http.Headers;

namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>What a credential provider may need from the sidecar when it is created (a clock for expiry, services for a source's own clients).</summary>
internal sealed record CredentialContext(TimeProvider Time, IServiceProvider Services);

/// <summary>
/// How to obtain a target's credentials, as a value: equal specs give the same credentials, so a change of token, token
/// file, exec command, arguments or environment makes the target differ and the cluster reconnect. A source adds its own
/// kind (an EKS token, for example) by deriving a record and implementing <see cref="CreateSource"/>; the records must
/// compare by value (override equality for list members). Never printed whole: it may hold a secret.
/// </summary>
internal abstract record CredentialSpec
{
    /// <summary>The live provider for one transport: it caches, refreshes before expiry and survives reconnects (the transport hands it over).</summary>
    public abstract CredentialSource CreateSource(CredentialContext context);

    /// <summary>The kind only: a spec may carry a token or password, and records print every member by default.</summary>
    public sealed override string ToString() => GetType().Name;
}

/// <summary>No Authorization header (a client certificate, or an anonymous cluster).</summary>
internal sealed record NoCredentials : CredentialSpec
{
    public static NoCredentials Instance { get; } = new();

    public override CredentialSource CreateSource(CredentialContext context) => new CredentialSource.Fixed(null);
}

/// <summary>A bearer token given inline (kubeconfig <c>token</c>, an OIDC <c>id-token</c>).</summary>
internal sealed record BearerTokenCredentials(string Token) : CredentialSpec
{
    public override CredentialSource CreateSource(CredentialContext context) => new CredentialSource.Fixed(new AuthenticationHeaderValue("Bearer", Token));
}

/// <summary>A bearer token read from a file, re-read when the file changes (projected service-account tokens rotate).</summary>
internal sealed record TokenFileCredentials(string AbsolutePath) : CredentialSpec
{
    public override CredentialSource CreateSource(CredentialContext context) => new CredentialSource.TokenFile(AbsolutePath);
}

/// <summary>HTTP basic authentication.</summary>
internal sealed record BasicCredentials(string UserName, string Password) : CredentialSpec
{
    public override CredentialSource CreateSource(CredentialContext context) =>
        new CredentialSource.Fixed(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{UserName}:{Password}"))));
}
