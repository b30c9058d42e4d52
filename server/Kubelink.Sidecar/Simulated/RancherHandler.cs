using Kubelink.Protocol;
using Kubelink.Protocol.Simulated;
using Kubelink.Sidecar.Kubeconfig;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using Kubelink.Sidecar.Simulated.Rancher;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Simulated;

/// <summary>
/// <c>simulated/configureRancher</c>: the editor's Rancher settings and key for the in-sidecar agent (decision 53). Settings
/// that cannot work turn the import off and fail with the setting to fix; usable ones take effect at once, and one call
/// with the key tells the editor whether Rancher accepts it, so it can show one notification instead of one per cluster.
/// </summary>
internal sealed class RancherHandler(SimulatedSource source, SessionState session) : IRpcTarget
{
    /// <summary>The check is one small call: an answer later than this is as good as none for the notification.</summary>
    private static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(15);

    [JsonRpcMethod(Methods.SimulatedConfigureRancher)]
    public async Task<SimulatedRancherResult> ConfigureAsync(SimulatedRancherParams request, CancellationToken cancellationToken)
    {
        session.EnsureRunning(Methods.SimulatedConfigureRancher);
        RancherSettings? settings = null;
        string? problem = null;
        if (!string.IsNullOrWhiteSpace(request.Url))
        {
            try
            {
                settings = RancherSettings.Parse(request.Url.Trim(), request.Token ?? "", CaFile(request.CaFile), RancherOptionNames.Editor);
            }
            catch (ArgumentException e)
            {
                problem = e.Message;
            }
        }
        await source.ConfigureRancherAsync(settings, cancellationToken).ConfigureAwait(false);
        if (problem is not null)
        {
            throw RpcErrors.Create(ErrorCodes.RancherSettingsInvalid, $"The Rancher import is off: {problem}");
        }
        return settings is null ? new SimulatedRancherResult { Check = RancherCheck.Off } : await CheckAsync(settings, cancellationToken).ConfigureAwait(false);
    }

    private static string? CaFile(string? path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            return null;
        }
        path = path.Trim();
        if (!Path.IsPathRooted(path) && path != "~" && !path.StartsWith("~/", StringComparison.Ordinal))
        {
            throw new ArgumentException($"{RancherOptionNames.Editor.CaFile} is '{RpcErrors.Shown(path)}', which is not an absolute path: give the full path of the PEM file (or ~/…)");
        }
        return KubeconfigEnvironment.FromProcess().Expand(path);
    }

    private static async Task<SimulatedRancherResult> CheckAsync(RancherSettings settings, CancellationToken cancellationToken)
    {
        using var http = settings.CreateHttpClient();
        http.Timeout = CheckTimeout;
        try
        {
            await new RancherApi(http, settings).CheckAsync(cancellationToken).ConfigureAwait(false);
            return new SimulatedRancherResult { Check = RancherCheck.Ok };
        }
        catch (RancherApiException e)
        {
            var check = e.Status switch
            {
                401 => RancherCheck.KeyRefused,
                0 => RancherCheck.Unreachable,
                _ => RancherCheck.Failed,
            };
            return new SimulatedRancherResult { Check = check, Problem = e.Message };
        }
    }
}
