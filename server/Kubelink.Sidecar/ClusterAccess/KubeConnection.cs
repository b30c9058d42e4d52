using System.Text;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.Kubeconfig;

namespace Kubelink.Sidecar.ClusterAccess;

/// <summary>
/// A connection to an API server for the listener and the clusteraccess verb, built on the proxy's own upstream transport, so
/// every credential kind a kubeconfig can hold (tokens, token files, client certificates, exec plugins) works the same here.
/// </summary>
internal sealed class KubeConnection : IDisposable
{
    /// <summary>Where a pod's service-account token and CA are mounted; overridable so a test can play the pod.</summary>
    public const string ServiceAccountDirVariable = "KUBELINK_SERVICEACCOUNT_DIR";
    public const string DefaultServiceAccountDir = "/var/run/secrets/kubernetes.io/serviceaccount";

    private readonly UpstreamTransport? _transport;

    private KubeConnection(ResolvedContext context, UpstreamTransport transport)
        : this(context, transport.CreateDirectClient(), transport.Server)
    {
        _transport = transport;
    }

    private KubeConnection(ResolvedContext context, HttpClient http, Uri server)
    {
        Context = context;
        Server = server;
        Http = http;
        Http.Timeout = Timeout.InfiniteTimeSpan; // watches stay open; each call is bounded by its cancellation
        Api = new KubeRest(Http, null);
    }

    public ResolvedContext Context { get; }

    public HttpClient Http { get; }

    /// <summary>Calls with this connection's own credentials (the transport adds them).</summary>
    public KubeRest Api { get; }

    public Uri Server { get; }

    // Headless verbs have no sidecar host: credential providers that look for host services (the exec plugin's PATH) fall back.
    private static readonly IServiceProvider NoServices = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(new Microsoft.Extensions.DependencyInjection.ServiceCollection());

    public static KubeConnection Open(ResolvedContext context)
    {
        var target = KubeconfigTargets.From(context);
        return new(context, UpstreamTransport.Create(target, target.Credentials.CreateSource(new CredentialContext(TimeProvider.System, NoServices))));
    }

    /// <summary>
    /// Over a connected cluster's route (the listener inside the sidecar): the cluster's connected identity, as the
    /// ClusterAccess source reads with, over whichever transport the route has now. The route owns its transports.
    /// </summary>
    public static KubeConnection Over(Proxy.ProxyRoute route)
    {
        var server = route.Upstream.Server;
        var http = new HttpClient(new InProcess.RouteHandler(route))
        {
            BaseAddress = new Uri(server.ToString().TrimEnd('/') + "/"),
            DefaultRequestVersion = System.Net.HttpVersion.Version20, // as the transport's own clients: one multiplexed connection
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
        };
        return new(Synthetic(route.ClusterId, new ClusterConfig(server.ToString(), null, null, false, null, null), null), http, server);
    }

    /// <summary>A context of a kubeconfig's text (a file, or a Secret's <c>kubeconfig</c> key): the named one, else the current one.</summary>
    public static ResolvedContext FromKubeconfig(string path, string text, string? contextName)
    {
        var parsed = KubeconfigParser.Parse(path, text);
        var file = parsed.File ?? throw new ClusterAccessProblem("InvalidKubeconfig", $"The kubeconfig {path} cannot be read: {parsed.Message}");
        var name = contextName ?? file.CurrentContext
            ?? throw new ClusterAccessProblem("InvalidKubeconfig", $"The kubeconfig {path} has no current-context; name one with --context.");
        var context = file.Contexts.FirstOrDefault(c => c.Name == name)
            ?? throw new ClusterAccessProblem("InvalidKubeconfig", $"The kubeconfig {path} has no context '{name}' (it has: {string.Join(", ", file.Contexts.Select(c => c.Name))}).");
        var cluster = file.Clusters.FirstOrDefault(c => c.Name == context.Value.Cluster)
            ?? throw new ClusterAccessProblem("InvalidKubeconfig", $"Context '{name}' of {path} names cluster '{context.Value.Cluster}', which the file does not define.");
        if (string.IsNullOrEmpty(cluster.Value.Server))
        {
            throw new ClusterAccessProblem("InvalidKubeconfig", $"Cluster '{cluster.Name}' of {path} has no server URL.");
        }
        var user = file.Users.FirstOrDefault(u => u.Name == context.Value.User);
        return new ResolvedContext(name, context, cluster, user);
    }

    /// <summary>
    /// The management cluster: <c>KUBECONFIG</c> (first file) or <c>~/.kube/config</c> when one exists, else the in-cluster
    /// configuration a pod has (<c>KUBERNETES_SERVICE_HOST</c>/<c>_PORT</c>, the mounted token and CA).
    /// </summary>
    public static ResolvedContext Management(string? kubeconfig, string? contextName, Func<string, string?> environment)
    {
        var path = kubeconfig ?? environment("KUBECONFIG")?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault();
        if (path is null && environment("KUBERNETES_SERVICE_HOST") is null && environment("HOME") is { } home && File.Exists(Path.Combine(home, ".kube", "config")))
        {
            path = Path.Combine(home, ".kube", "config");
        }
        if (path is not null)
        {
            return File.Exists(path)
                ? FromKubeconfig(path, File.ReadAllText(path), contextName)
                : throw new ClusterAccessProblem("InvalidKubeconfig", $"The kubeconfig {path} does not exist.");
        }
        return InCluster(environment);
    }

    public static ResolvedContext InCluster(Func<string, string?> environment)
    {
        var host = environment("KUBERNETES_SERVICE_HOST");
        var port = environment("KUBERNETES_SERVICE_PORT") ?? "443";
        if (string.IsNullOrEmpty(host))
        {
            throw new ClusterAccessProblem("NoConfiguration",
                "No kubeconfig (KUBECONFIG, ~/.kube/config) and not in a pod (KUBERNETES_SERVICE_HOST is not set): nothing says which cluster to use.");
        }
        var dir = environment(ServiceAccountDirVariable) ?? DefaultServiceAccountDir;
        var tokenFile = Path.Combine(dir, "token");
        if (!File.Exists(tokenFile))
        {
            throw new ClusterAccessProblem("NoConfiguration", $"In a pod, but no service-account token at {tokenFile}: is automountServiceAccountToken off?");
        }
        var server = $"https://{(host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host)}:{port}";
        var ca = Path.Combine(dir, "ca.crt");
        var cluster = new ClusterConfig(server, File.Exists(ca) ? ca : null, null, false, null, null);
        var user = new UserConfig(null, tokenFile, null, null, null, null, null, null, null, null);
        return Synthetic("in-cluster", cluster, user);
    }

    /// <summary>A context made up from parts (a ClusterAccess's host, CA and credential).</summary>
    public static ResolvedContext Synthetic(string name, ClusterConfig cluster, UserConfig? user) => new(
        name,
        new Named<ContextConfig>(name, new ContextConfig(name, name, null), "/" + name, 0),
        new Named<ClusterConfig>(name, cluster, "/" + name, 0),
        user is null ? null : new Named<UserConfig>(name, user, "/" + name, 0));

    public static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    public void Dispose()
    {
        Http.Dispose();
        _transport?.Dispose();
    }
}

/// <summary>Why a ClusterAccess cannot be served: a condition reason and the exact message its status shows.</summary>
internal sealed class ClusterAccessProblem(string reason, string message) : Exception(message)
{
    public string Reason { get; } = reason;
}
