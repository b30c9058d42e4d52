using System.Net.Http.Headers;
using Kubelink.Sidecar.IO;

namespace Kubelink.Sidecar.Clusters.Upstream;

/// <summary>
/// The live credential provider of one target: the Authorization header for upstream requests, from a static token, a
/// token file (re-read when it changes, as projected service-account tokens rotate), an exec plugin (cached until it
/// expires), or basic auth. Made from a <see cref="CredentialSpec"/> by <see cref="TransportFactory"/>.
/// </summary>
internal abstract class CredentialSource : IDisposable
{
    public abstract ValueTask<AuthenticationHeaderValue?> GetAsync(CancellationToken cancellationToken);

    /// <summary>Drops a cached credential after a 401, so the next request fetches a fresh one.</summary>
    public virtual void Invalidate()
    {
    }

    /// <summary>
    /// The API server answered 401 to a request sent with <paramref name="rejected"/>: drops it if it is still the
    /// current one, so the next <see cref="GetAsync"/> makes a new one at once. True when the source can make a
    /// different credential by itself (an EKS token), so resending the request is worth it; false leaves the failure
    /// to the health monitor, which retries with back-off (an exec plugin must not run once per refused request).
    /// </summary>
    public virtual bool InvalidateRejected(AuthenticationHeaderValue? rejected) => false;

    public virtual void Dispose()
    {
    }

    /// <summary>When the credential last obtained stops being valid (an exec plugin's or EKS token's expiry); null when it does not expire or is not known yet.</summary>
    public virtual DateTimeOffset? ExpiresAt => null;

    /// <summary>A header that never changes (a static token, basic auth), or none.</summary>
    internal sealed class Fixed(AuthenticationHeaderValue? value) : CredentialSource
    {
        public override ValueTask<AuthenticationHeaderValue?> GetAsync(CancellationToken cancellationToken) => ValueTask.FromResult<AuthenticationHeaderValue?>(value);
    }

    /// <summary>A token file, re-read when its modification time changes.</summary>
    internal sealed class TokenFile(string path) : CredentialSource
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
            var token = (await Task.Run(() => BoundedFile.ReadAllText(path, InputLimits.CredentialFileMaxBytes, "The tokenFile"), cancellationToken).ConfigureAwait(false)).Trim();
            var header = new AuthenticationHeaderValue("Bearer", token);
            _cached = (stamp, header);
            return header;
        }

        public override void Invalidate() => _cached = null;
    }
}
