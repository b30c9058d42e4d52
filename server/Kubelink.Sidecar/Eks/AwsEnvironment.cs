namespace Kubelink.Sidecar.Eks;

/// <summary>
/// What AWS credential and endpoint resolution reads from the process (environment variables, the home folder),
/// injected so tests point it at the simulator's files and never at the real <c>~/.aws</c> or the real environment.
/// </summary>
internal sealed record AwsEnvironment(Func<string, string?> Variable, string Home)
{
    public static AwsEnvironment FromProcess() => new(Environment.GetEnvironmentVariable, Environment.GetFolderPath(Environment.SpecialFolder.UserProfile));

    /// <summary><c>AWS_SHARED_CREDENTIALS_FILE</c>, else <c>~/.aws/credentials</c>.</summary>
    public string CredentialsFile => Value("AWS_SHARED_CREDENTIALS_FILE") ?? Path.Combine(Home, ".aws", "credentials");

    /// <summary><c>AWS_CONFIG_FILE</c>, else <c>~/.aws/config</c>.</summary>
    public string ConfigFile => Value("AWS_CONFIG_FILE") ?? Path.Combine(Home, ".aws", "config");

    /// <summary>The value, or null when unset or empty.</summary>
    public string? Value(string name) => Variable(name) is { Length: > 0 } value ? value : null;
}
