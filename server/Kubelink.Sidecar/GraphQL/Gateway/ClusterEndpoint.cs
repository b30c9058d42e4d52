using GraphQL.Types;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.GraphQL.Schema;

namespace Kubelink.Sidecar.GraphQL.Gateway;

/// <summary>
/// One served cluster: its schema and the connection its callers' requests go over. The headless gateway forwards each
/// caller's token; the editor's endpoint does not (its connection carries the kubeconfig's credentials, and the caller's
/// token is the proxy token, which the API server must never see).
/// </summary>
internal sealed class ClusterEndpoint(string path, ISchema schema, HttpClient http, bool forwardCallerToken = true) : IDisposable
{
    public string Path { get; } = path;

    public ISchema Schema { get; } = schema;

    public KubeRest ApiFor(string? bearerToken) => new(http, forwardCallerToken ? bearerToken : null);

    public static ClusterEndpoint Load(string file)
    {
        var (document, metadata) = SchemaFile.Read(file);
        var schema = SchemaBuilder.Build(document);
        return new ClusterEndpoint(metadata.Path, schema, ClusterTls.Client(metadata.Host, metadata.CaPem));
    }

    public void Dispose() => http.Dispose();
}
