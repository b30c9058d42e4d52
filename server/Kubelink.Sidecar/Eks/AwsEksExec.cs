using Kubelink.Protocol.Eks;
using Kubelink.Sidecar.Kubeconfig;

namespace Kubelink.Sidecar.Eks;

/// <summary>
/// Recognises the exec user that <c>aws eks update-kubeconfig</c> writes (command <c>aws</c>, args
/// <c>[--region R] eks get-token --cluster-name N [--output json]</c>, env <c>AWS_PROFILE</c>) and turns it into the
/// in-process token with the same profile and region, so such kubeconfigs work without <c>aws</c> on PATH and without
/// its ~0.7 s per token. Anything else it cannot reproduce exactly (<c>--role-arn</c>, keys in env, other options) is
/// not recognised and runs as a normal exec plugin.
/// </summary>
internal static class AwsEksExec
{
    private static readonly HashSet<string> HarmlessFlags = new(["--output", "--cluster-id"], StringComparer.Ordinal);

    public static EksTokenCredentials? TryRecognize(ExecConfig exec)
    {
        if (exec.Command is null || Path.GetFileNameWithoutExtension(exec.Command) != "aws")
        {
            return null;
        }
        string? cluster = null;
        string? region = null;
        var verbs = new List<string>();
        var args = exec.Args;
        for (var i = 0; i < args.Count; i++)
        {
            var (name, inline) = args[i].Split('=', 2) is [var n, var v] && n.StartsWith("--", StringComparison.Ordinal) ? (n, v) : (args[i], null);
            if (!name.StartsWith("--", StringComparison.Ordinal))
            {
                verbs.Add(name);
                continue;
            }
            var value = inline ?? (i + 1 < args.Count ? args[++i] : null);
            switch (name)
            {
                case "--cluster-name":
                    cluster = value;
                    break;
                case "--region":
                    region = value;
                    break;
                case var flag when HarmlessFlags.Contains(flag) && (flag != "--output" || value == "json"):
                    break;
                default:
                    return null; // --role-arn, --profile, --endpoint-url...: left to the real aws.
            }
        }
        if (verbs is not ["eks", "get-token"] || string.IsNullOrEmpty(cluster))
        {
            return null;
        }
        string? profile = null;
        foreach (var (key, value) in exec.Env)
        {
            switch (key)
            {
                case "AWS_PROFILE":
                    profile = value;
                    break;
                case "AWS_REGION" or "AWS_DEFAULT_REGION":
                    region ??= value;
                    break;
                default:
                    return null;
            }
        }
        return new EksTokenCredentials(new EksCredentials { Profile = profile }, region, cluster);
    }
}
