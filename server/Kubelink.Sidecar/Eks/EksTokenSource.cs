using System.Net.Http.Headers;
using Kubelink.Protocol;
using Kubelink.Sidecar.Clusters.Upstream;
using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// The live EKS token of one connection: made in-process (<see cref="EksToken"/>), cached, and made again a minute
/// before its 14 minutes are up or at once after a 401 (<see cref="Invalidate"/>), so a token never expires under a
/// request. One renewal at a time; the SDK's credentials object behind it refreshes assume-role and SSO sessions itself.
/// </summary>
internal sealed partial class EksTokenSource(EksTokenCredentials spec, AwsCredentialResolver resolver, AwsEnvironment environment, TimeProvider time, ILogger<EksTokenSource> logger)
    : CredentialSource
{
    /// <summary>How long before the token's end a new one is made (requests in flight and clock skew).</summary>
    public static readonly TimeSpan RenewBefore = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private AwsContext? _context;
    private (AuthenticationHeaderValue Header, DateTimeOffset SignedAt)? _cached;

    public override DateTimeOffset? ExpiresAt => _cached?.SignedAt + EksToken.Lifetime;

    public override async ValueTask<AuthenticationHeaderValue?> GetAsync(CancellationToken cancellationToken)
    {
        if (Fresh() is { } header)
        {
            return header;
        }
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Fresh() ?? await RenewAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public override void Invalidate() => _cached = null;

    /// <summary>
    /// After a 401: the token is dropped (when no other request has renewed it already) and so are the AWS credentials
    /// behind it when they are temporary (an assume-role or SSO session that was revoked), so the next token is signed
    /// with a fresh session. Static keys are simply signed again.
    /// </summary>
    public override bool InvalidateRejected(AuthenticationHeaderValue? rejected)
    {
        var cached = _cached;
        if (cached is { } current && rejected is not null && current.Header.ToString() != rejected.ToString())
        {
            return true; // renewed meanwhile: the caller's retry takes the new one
        }

        (_context?.Credentials as Amazon.Runtime.RefreshingAWSCredentials)?.ClearCredentials();
        _cached = null;
        LogRejected(logger, spec.Cluster, spec.Region ?? "-");
        return true;
    }

    public override void Dispose() => _gate.Dispose();

    private AuthenticationHeaderValue? Fresh() =>
        _cached is { } cached && time.GetUtcNow() < cached.SignedAt + EksToken.Lifetime - RenewBefore ? cached.Header : null;

    private async Task<AuthenticationHeaderValue> RenewAsync(CancellationToken cancellationToken)
    {
        try
        {
            _context ??= resolver.Resolve(spec.Credentials, spec.Region);
            var credentials = await AwsCredentialFetch.GetAsync(_context, cancellationToken).ConfigureAwait(false);
            var sts = AwsEndpoints.Resolve("sts", _context.Region, _context.Profile, environment);
            var now = time.GetUtcNow();
            var header = new AuthenticationHeaderValue("Bearer", EksToken.Create(sts, credentials, _context.Region, spec.Cluster, now));
            _cached = (header, now);
            LogRenewed(logger, spec.Cluster, _context.Region, now + EksToken.Lifetime);
            return header;
        }
        catch (AwsException ex)
        {
            LogFailed(logger, spec.Cluster, spec.Region ?? "-", ex.Message);
            // Activation, the proxy and health report any credential failure as cause 'credentials' with this message.
            throw new CredentialsFailed(ex.Message, ex.Profile, ex.Code == ErrorCodes.AwsSsoLoginRequired ? ex.Profile : null);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "EKS token for {Cluster} in {Region} made in-process, used until {Until:O}")]
    private static partial void LogRenewed(ILogger logger, string cluster, string region, DateTimeOffset until);

    [LoggerMessage(Level = LogLevel.Information, Message = "EKS token for {Cluster} in {Region} was refused (401): making a new one")]
    private static partial void LogRejected(ILogger logger, string cluster, string region);

    [LoggerMessage(Level = LogLevel.Warning, Message = "EKS token for {Cluster} in {Region} could not be made: {Reason}")]
    private static partial void LogFailed(ILogger logger, string cluster, string region, string reason);
}
