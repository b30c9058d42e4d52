using System.IO.Compression;
using System.Text.Json.Nodes;
using GraphQL.Transport;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.GraphQL.Schema;

namespace Kubelink.Sidecar.Tests.GraphQL;

/// <summary>The schema built from a real kube-apiserver 1.26 <c>/openapi/v2</c> (Fixtures/, gzipped), checked by introspection.</summary>
public sealed class SchemaFixtureTests
{
    internal static JsonObject RealDocument()
    {
        using var file = File.OpenRead(Path.Combine(AppContext.BaseDirectory, "GraphQL", "Fixtures", "k8s-1.26-openapi-v2.json.gz"));
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        return JsonNode.Parse(gzip)!.AsObject();
    }

    private static async Task<JsonObject> IntrospectAsync(global::GraphQL.Types.ISchema schema, string query)
    {
        using var http = new HttpClient { BaseAddress = new Uri("https://unused.invalid/") };
        var result = await GraphQLExecutor.ExecuteAsync(schema, new GraphQLRequest { Query = query }, new GatewayRequest(new KubeRest(http, null), TimeProvider.System), CancellationToken.None);
        return JsonNode.Parse(new global::GraphQL.SystemTextJson.GraphQLSerializer().Serialize(result))!.AsObject();
    }

    [Fact]
    public async Task RealOpenApiV2_BuildsANestedSchemaWithPrefixedTypes()
    {
        var document = ApiDocument.Parse(RealDocument());
        Assert.Contains(document.Resources, r => r is { Group: "", Version: "v1", Kind: "Pod", Plural: "pods", Namespaced: true });
        Assert.Contains(document.Resources, r => r is { Group: "", Version: "v1", Kind: "Namespace", Namespaced: false });
        var schema = SchemaBuilder.Build(document);

        var types = await IntrospectAsync(schema, "{ __schema { types { name } } }");
        Assert.Null(types["errors"]);
        var names = types["data"]!["__schema"]!["types"]!.AsArray().Select(t => t!["name"]!.ToString()).ToHashSet();
        foreach (var expected in new[] { "V1Pod", "AppsV1Deployment", "V1Pod_Input", "V1PodEvent", "RbacAuthorizationK8sIoV1ClusterRole", "JSON", "StringMap", "MetaV1ObjectMeta" })
        {
            Assert.Contains(expected, names);
        }
        var root = await IntrospectAsync(schema, """{ q: __type(name: "Query") { fields { name } } s: __type(name: "Subscription") { fields { name } } d: __type(name: "AppsV1Deployment") { fields { name } } }""");
        Assert.Null(root["errors"]);
        var queryFields = root["data"]!["q"]!["fields"]!.AsArray().Select(f => f!["name"]!.ToString()).ToList();
        Assert.Contains("v1", queryFields);
        Assert.Contains("apps", queryFields);
        Assert.Contains("rbac_authorization_k8s_io", queryFields);
        var subscriptions = root["data"]!["s"]!["fields"]!.AsArray().Select(f => f!["name"]!.ToString()).ToList();
        Assert.Contains("v1_pods", subscriptions);
        Assert.Contains("apps_v1_deployments", subscriptions);
        Assert.Contains("apps_v1_deployment", subscriptions);
    }

    [Fact]
    public async Task TooDeepQuery_IsRejectedBeforeAnyCall()
    {
        var schema = SchemaBuilder.Build(RealDocument());
        var deep = "{ __schema { types { fields { type { " + string.Concat(Enumerable.Repeat("ofType { ", 30)) + "name" + new string('}', 35);
        var result = await IntrospectAsync(schema, deep);
        Assert.Contains("depth", result["errors"]![0]!["message"]!.ToString(), StringComparison.OrdinalIgnoreCase);
    }
}
