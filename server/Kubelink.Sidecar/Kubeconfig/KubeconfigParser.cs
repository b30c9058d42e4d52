using Kubelink.Protocol.Catalog;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>A parse outcome: the file, or the one problem that stops it from being read at all.</summary>
internal sealed record ParseResult(KubeconfigFile? File, KubeconfigProblem? Problem, string? Message, int? Line);

/// <summary>
/// Reads kubeconfig YAML into <see cref="KubeconfigFile"/>, keeping the line of every entry. It never throws on bad
/// input: a syntax error becomes a problem with line and column, so one broken file cannot hide the others.
/// </summary>
internal static class KubeconfigParser
{
    public static ParseResult Parse(string path, string text)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new BoundedYamlParser(new Parser(new StringReader(text))));
        }
        catch (YamlException e)
        {
            var line = (int)e.Start.Line;
            var reason = (e.InnerException?.Message ?? e.Message).Trim();
            return new ParseResult(null, KubeconfigProblem.YamlSyntax,
                $"The YAML does not parse at line {line}, column {e.Start.Column}: {reason}. Fix the file; its other contexts are unavailable until it parses.", line);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new ParseResult(new KubeconfigFile(path, [], [], [], null), null, null, null);
        }

        if (stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            return new ParseResult(null, KubeconfigProblem.NotAKubeconfig,
                "The file is YAML but not a kubeconfig: its top level is not a mapping with clusters, contexts and users.", stream.Documents[0].RootNode.Line());
        }

        if (root.Scalar("kind") is { } kind && kind != "Config")
        {
            return new ParseResult(null, KubeconfigProblem.NotAKubeconfig,
                $"The file is a Kubernetes '{kind}' manifest, not a kubeconfig (kind: Config). Remove it from the sync paths.", root.Get("kind")!.Line());
        }

        return new ParseResult(new KubeconfigFile(
            path,
            Entries(root, path, "clusters", "cluster", ReadCluster),
            Entries(root, path, "users", "user", ReadUser),
            Entries(root, path, "contexts", "context", ReadContext),
            root.Scalar("current-context")), null, null, null);
    }

    private static List<Named<T>> Entries<T>(YamlMappingNode root, string path, string listKey, string itemKey, Func<YamlMappingNode, T> read)
    {
        var result = new List<Named<T>>();
        foreach (var item in root.Sequence(listKey).OfType<YamlMappingNode>())
        {
            // An entry without a name cannot be referenced by anything; kubectl rejects it, we skip it.
            if (item.Scalar("name") is { } name)
            {
                var body = item.Map(itemKey) ?? new YamlMappingNode();
                result.Add(new Named<T>(name, read(body), path, item.Line()));
            }
        }

        return result;
    }

    private static ClusterConfig ReadCluster(YamlMappingNode c) => new(
        c.Scalar("server"),
        c.Scalar("certificate-authority"),
        c.Scalar("certificate-authority-data"),
        c.Flag("insecure-skip-tls-verify"),
        c.Scalar("tls-server-name"),
        c.Scalar("proxy-url"));

    private static UserConfig ReadUser(YamlMappingNode u) => new(
        u.Scalar("token"),
        u.Scalar("tokenFile"),
        u.Scalar("client-certificate"),
        u.Scalar("client-certificate-data"),
        u.Scalar("client-key"),
        u.Scalar("client-key-data"),
        u.Scalar("username"),
        u.Scalar("password"),
        u.Map("exec") is { } exec ? ReadExec(exec) : null,
        u.Map("auth-provider") is { } provider ? ReadAuthProvider(provider) : null);

    private static ExecConfig ReadExec(YamlMappingNode e) => new(
        e.Scalar("command"),
        e.Sequence("args").OfType<YamlScalarNode>().Select(a => a.Value ?? "").ToList(),
        e.Sequence("env").OfType<YamlMappingNode>()
            .Where(v => v.Scalar("name") is not null)
            .Select(v => new KeyValuePair<string, string>(v.Scalar("name")!, v.Scalar("value") ?? ""))
            .ToList(),
        e.Scalar("apiVersion"),
        e.Scalar("interactiveMode"),
        e.Flag("provideClusterInfo"));

    private static AuthProviderConfig ReadAuthProvider(YamlMappingNode p) => new(
        p.Scalar("name"),
        (p.Map("config")?.Children.AsEnumerable() ?? [])
            .Where(kv => kv.Key is YamlScalarNode { Value: not null } && kv.Value is YamlScalarNode)
            .ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? ""));

    private static ContextConfig ReadContext(YamlMappingNode c) => new(c.Scalar("cluster"), c.Scalar("user"), c.Scalar("namespace"));
}
