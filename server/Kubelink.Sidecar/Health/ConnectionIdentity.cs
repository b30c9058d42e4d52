using Kubelink.Sidecar.Kubeconfig;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// Whether a kubeconfig edit touched what a connection is made of (server, TLS trust, proxy, credentials). Comparing
/// whole entries would reconnect on a moved line or a re-parsed exec argument list; this compares values only.
/// </summary>
internal static class ConnectionIdentity
{
    // One shared instance each: records compare their lists by reference, so the lists are blanked before the record
    // comparison and compared element by element after it.
    private static readonly IReadOnlyList<string> NoArgs = [];
    private static readonly IReadOnlyList<KeyValuePair<string, string>> NoEnv = [];

    public static bool Same(ResolvedContext a, ResolvedContext b) =>
        a.Cluster.Value == b.Cluster.Value
        && Folder(a.Cluster.File) == Folder(b.Cluster.File) // relative CA paths resolve against it
        && SameUser(a.User, b.User);

    private static bool SameUser(Named<UserConfig>? a, Named<UserConfig>? b) => (a, b) switch
    {
        (null, null) => true,
        ({ } x, { } y) => x.Value with { Exec = null, AuthProvider = null } == y.Value with { Exec = null, AuthProvider = null }
            && Folder(x.File) == Folder(y.File)
            && SameExec(x.Value.Exec, y.Value.Exec)
            && SameProvider(x.Value.AuthProvider, y.Value.AuthProvider),
        _ => false,
    };

    private static bool SameExec(ExecConfig? a, ExecConfig? b) => (a, b) switch
    {
        (null, null) => true,
        ({ } x, { } y) => x with { Args = NoArgs, Env = NoEnv } == y with { Args = NoArgs, Env = NoEnv } && x.Args.SequenceEqual(y.Args) && x.Env.SequenceEqual(y.Env),
        _ => false,
    };

    private static bool SameProvider(AuthProviderConfig? a, AuthProviderConfig? b) => (a, b) switch
    {
        (null, null) => true,
        ({ } x, { } y) => x.Name == y.Name && x.Config.Count == y.Config.Count && x.Config.All(kv => y.Config.TryGetValue(kv.Key, out var v) && v == kv.Value),
        _ => false,
    };

    private static string? Folder(string file) => Path.GetDirectoryName(file);
}
