using System.Net.Http.Headers;
using Kubelink.Sidecar.Kubeconfig;

namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>
/// The Authorization header for upstream requests: a static token, a token file (re-read when it changes, as
/// projected service-account tokens rotate), an exec plugin (cached until it expires), or basic auth.
/// </summary>
internal abstract class CredentialSource : IDisposable
{
    public abstract ValueTask<AuthenticationHeaderValue?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Drops a cached credential after a 401, so the next request fetches a fresh one.</summary>
    public virtual void Invalidate()
    {
    }

    public virtual void Dispose()
    {
    }

    public static CredentialSource Create(ResolvedContext context, ExecutableLocator executables, TimeProvider time)
    {
        var user = context.User?.Value;
        var directory = context.User is { } u ? Path.GetDirectoryName(u.File) ?? "/" : "/";
        return user switch
        {
            null => new None(),
            { Token: { Length: > 0 } token } => new Static(new AuthenticationHeaderValue("Bearer", token)),
            { TokenFile: { Length: > 0 } file } => new TokenFile(UpstreamTransport.Resolve(file, directory)),
            { Exec: { } exec } => new ExecCredentialPlugin(exec, directory, context.Cluster.Value, executables, time),
            { AuthProvider: { Name: "oidc" } provider } when provider.Config.TryGetValue("id-token", out var idToken) => new Static(new AuthenticationHeaderValue("Bearer", idToken)),
            { Username: { } name, Password: { } password } => new Static(new AuthenticationHeaderValue("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{name}:{password}")))),
            _ => new None(), // client certificate only: authentication happens in TLS
        };
    }

    private sealed class None : CredentialSource
    {
        public override ValueTask<AuthenticationHeaderValue?> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult<AuthenticationHeaderValue?>(null);
    }

    private sealed class Static(AuthenticationHeaderValue value) : CredentialSource
    {
        public override ValueTask<AuthenticationHeaderValue?> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult<AuthenticationHeaderValue?>(value);
    }

    private sealed class TokenFile(string path) : CredentialSource
    {
        private (DateTime Stamp, AuthenticationHeaderValue Header)? _cached;

        public override async ValueTask<AuthenticationHeaderValue?> GetAsync(CancellationToken cancellationToken)
        {
            var stamp = File.GetLastWriteTimeUtc(path);
            if (_cached is { } cached && cached.Stamp == stamp)
            {
                return cached.Header;
            }

            // Capped and never a pipe or device: a tokenFile at /dev/zero read 4 GB before (decision 10).
            var token = (await Task.Run(() => UpstreamTransport.ReadCredentialFile(path, "/", "tokenFile"), cancellationToken).ConfigureAwait(false)).Trim();
            var header = new AuthenticationHeaderValue("Bearer", token);
            _cached = (stamp, header);
            return header;
        }

        public override void Invalidate() => _cached = null;
    }
}
