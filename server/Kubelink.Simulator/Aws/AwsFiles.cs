using Kubelink.Simulator.Auth;

namespace Kubelink.Simulator.Aws;

/// <summary>
/// Writes <c>DIR/aws/credentials</c> and <c>DIR/aws/config</c> (mode 0600) so the AWS CLI and Kubelink can both be pointed
/// at the simulated AWS with <c>AWS_SHARED_CREDENTIALS_FILE</c> / <c>AWS_CONFIG_FILE</c>: profile <c>kubelink-sim</c>
/// (the admin user's keys), <c>kubelink-sim-restricted</c> (assume-role of the restricted role from it) and
/// <c>kubelink-sim-denied</c> (a user with no EKS permission). Every profile names the endpoint.
/// </summary>
public static class AwsFiles
{
    /// <summary>The admin profile.</summary>
    public const string AdminProfile = "kubelink-sim";

    /// <summary>The assume-role profile.</summary>
    public const string RestrictedProfile = "kubelink-sim-restricted";

    /// <summary>The profile without EKS permission.</summary>
    public const string DeniedProfile = "kubelink-sim-denied";

    /// <summary>Writes both files into <paramref name="directory"/> (created when missing).</summary>
    public static (string Credentials, string Config) Write(string directory, AwsSimulator aws)
    {
        Directory.CreateDirectory(directory);
        var endpoint = aws.Endpoint!.ToString().TrimEnd('/');
        var credentials = Keys(AdminProfile, aws.Identities.Admin) + Keys(DeniedProfile, aws.Identities.Denied);
        var config =
            $"[profile {AdminProfile}]\nregion = {AwsSimulator.Region}\noutput = json\nendpoint_url = {endpoint}\n\n" +
            $"[profile {DeniedProfile}]\nregion = {AwsSimulator.Region}\nendpoint_url = {endpoint}\n\n" +
            $"[profile {RestrictedProfile}]\nregion = {AwsSimulator.Region}\nrole_arn = {AwsIdentities.RestrictedRoleArn}\n" +
            $"source_profile = {AdminProfile}\nrole_session_name = kubelink\nendpoint_url = {endpoint}\n";
        var paths = (Path.Combine(directory, "credentials"), Path.Combine(directory, "config"));
        Kubeconfig.Write(paths.Item1, credentials);
        Kubeconfig.Write(paths.Item2, config);
        return paths;
    }

    private static string Keys(string profile, AwsPrincipal principal) =>
        $"[{profile}]\naws_access_key_id = {principal.AccessKeyId}\naws_secret_access_key = {principal.SecretAccessKey}\n\n";
}
