namespace Kubelink.Sidecar.IO;

/// <summary>
/// User-info in a server URL (<c>https://user:pass@host/</c>) is a password in plain sight: it must never reach the
/// catalog, an error, or a log line. Such a context is refused (the kubeconfig validator, decision 13), and every
/// place that shows or connects to a server goes through here, so the password cannot leak even if one is let through.
/// </summary>
internal static class ServerUrls
{
    public const string Mask = "***";

    /// <summary>True when the URL parses and carries a user name or password.</summary>
    public static bool HasUserInfo(string url) => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0;

    /// <summary>The URL as it may be shown: user-info replaced by <see cref="Mask"/>. A URL that does not parse loses everything up to its last '@'.</summary>
    public static string? Redact(string? url)
    {
        if (url is null || !url.Contains('@', StringComparison.Ordinal))
        {
            return url;
        }

        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Host.Length > 0)
        {
            return uri.UserInfo.Length == 0 ? url : $"{uri.Scheme}://{Mask}@{uri.Authority}{uri.PathAndQuery}{uri.Fragment}";
        }

        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        var start = scheme >= 0 ? scheme + 3 : 0;
        var at = url.LastIndexOf('@');
        return at < start ? url : string.Concat(url.AsSpan(0, start), Mask, url.AsSpan(at));
    }

    /// <summary>The URL to connect to: without user-info, which Kubelink never sends.</summary>
    public static Uri WithoutUserInfo(Uri uri) =>
        uri.UserInfo.Length == 0 ? uri : new UriBuilder(uri) { UserName = "", Password = "" }.Uri;
}
