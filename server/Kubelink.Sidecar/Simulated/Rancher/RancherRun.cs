using Microsoft.Extensions.Logging;

namespace Kubelink.Sidecar.Simulated.Rancher;

/// <summary>
/// One configuration of the Rancher import (settings, v3 client, importer) and the work started under it. Reconfiguring
/// cancels the whole run, so an import begun with an old key or URL can neither finish nor open tunnels afterwards.
/// </summary>
internal sealed class RancherRun : IDisposable
{
    private readonly HttpClient _http;
    private readonly CancellationTokenSource _stop;

    public RancherRun(RancherSettings settings, MainApi main, TimeProvider time, ILogger logger, CancellationToken agentStop)
    {
        Settings = settings;
        _http = settings.CreateHttpClient();
        Api = new RancherApi(_http, settings);
        Importer = new RancherImporter(Api, main, time, logger);
        _stop = CancellationTokenSource.CreateLinkedTokenSource(agentStop);
        Token = _stop.Token;
    }

    public RancherSettings Settings { get; }

    public RancherApi Api { get; }

    public RancherImporter Importer { get; }

    /// <summary>Cancelled when this configuration is replaced or the agent stops.</summary>
    public CancellationToken Token { get; }

    /// <summary>Whether a saved Rancher cluster id is one of this Rancher (an id saved without a URL predates URL changes).</summary>
    public bool Owns(RancherState state) => state.ClusterId is not null && (state.Url is null || state.Url == Settings.Url.ToString());

    public void Cancel() => _stop.Cancel();

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _http.Dispose();
    }
}
