using GraphQL.Types;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.GraphQL.Schema;

namespace Kubelink.Sidecar.GraphQL.Gateway;

/// <summary>One served cluster: its schema and the connection its callers' requests go over (their token, its CA).</summary>
internal sealed class ClusterEndpoint(string path, ISchema schema, HttpClient http) : IDisposable
{
    public string Path { get; } = path;

    public ISchema Schema { get; } = schema;

    public KubeRest ApiFor(string? bearerToken) => new(http, bearerToken);

    public static ClusterEndpoint Load(string file)
    {
        var (document, metadata) = SchemaFile.Read(file);
        var schema = SchemaBuilder.Build(document);
        return new ClusterEndpoint(metadata.Path, schema, ClusterTls.Client(metadata.Host, metadata.CaPem));
    }

    public void Dispose() => http.Dispose();
}
