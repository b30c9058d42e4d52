namespace Kubelink.Sidecar.Simulated.Rancher;

/// <summary>
/// Where Rancher is and the API token of the agent's v3 calls (an API key <c>token-xxxxx:secret</c>). The token is held
/// in memory only: never logged, never written to the state file.
/// </summary>
internal sealed record RancherSettings
{
    private RancherSettings(Uri url, string token)
    {
        Url = url;
        Token = token;
    }

    /// <summary>Rancher's base URL, ending in <c>/</c>.</summary>
    public Uri Url { get; }

    public string Token { get; }

    /// <summary>Checks the URL (absolute http or https) and the token (not empty); the message names the option to fix.</summary>
    public static RancherSettings Parse(string url, string token)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed) || parsed.Scheme is not ("https" or "http"))
        {
            throw new ArgumentException($"--rancher-url '{url}' is not an http(s) URL such as https://rancher.example.com");
        }
        if (string.IsNullOrWhiteSpace(token))
        {
            throw new ArgumentException("the file given by --rancher-token-file is empty: put a Rancher API key (token-xxxxx:secret) in it");
        }
        var text = parsed.GetLeftPart(UriPartial.Path);
        return new RancherSettings(new Uri(text.EndsWith('/') ? text : text + "/"), token.Trim());
    }

    /// <summary>The WebSocket URL of a tunnel path (<c>v3/connect</c>, <c>v3/connect/register</c>): wss for https.</summary>
    public Uri Tunnel(string path)
    {
        var builder = new UriBuilder(new Uri(Url, path)) { Scheme = Url.Scheme == "https" ? "wss" : "ws" };
        return builder.Uri;
    }

    /// <summary>Keeps the token out of records' printed form (logs, exceptions).</summary>
    public override string ToString() => $"Rancher at {Url}";
}
