namespace Kubelink.Sidecar.Eks;

/// <summary>
/// Reads a profile's <c>services</c> section from the AWS config file (<c>[services NAME]</c> with
/// <c>eks =</c> and an indented <c>endpoint_url = …</c>), the third step of the endpoint order, which AWSSDK.Core
/// names (<c>CredentialProfile.Services</c>) but does not expose per service.
/// </summary>
internal static class AwsConfigServices
{
    /// <summary>The endpoint URL configured for <paramref name="serviceKey"/> (e.g. <c>eks</c>, <c>sts</c>) in the named services section, or null.</summary>
    public static string? EndpointUrl(string configFile, string sectionName, string serviceKey)
    {
        if (!File.Exists(configFile))
        {
            return null;
        }
        var inSection = false;
        var inService = false;
        foreach (var raw in File.ReadLines(configFile))
        {
            var line = raw.TrimEnd();
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('#') || trimmed.StartsWith(';'))
            {
                continue;
            }
            if (trimmed.StartsWith('['))
            {
                inSection = trimmed.Trim('[', ']').Split(' ', 2, StringSplitOptions.RemoveEmptyEntries) is ["services", var name] && name.Trim() == sectionName;
                inService = false;
                continue;
            }
            if (!inSection)
            {
                continue;
            }
            var (key, value) = Split(trimmed);
            var indented = char.IsWhiteSpace(line[0]);
            if (!indented)
            {
                inService = key == serviceKey;
            }
            else if (inService && key == "endpoint_url" && value.Length > 0)
            {
                return value;
            }
        }
        return null;
    }

    private static (string Key, string Value) Split(string line)
    {
        var parts = line.Split('=', 2);
        return (parts[0].Trim().ToLowerInvariant(), parts.Length > 1 ? parts[1].Trim() : "");
    }
}
