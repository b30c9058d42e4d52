using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Transport;
using Kubelink.Sidecar.GraphQL.Documents;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.GraphQL.Gateway;
using Kubelink.Sidecar.GraphQL.Schema;
using Kubelink.Simulator;

namespace Kubelink.Sidecar.Tests.GraphQL;

/// <summary>
/// The one-pass projection of OpenAPI-typed subtrees (B5) answers exactly what graphql-dotnet's own per-field execution
/// answers, for the same schema, data and request: aliases, named and inline fragments, @skip/@include from variables,
/// __typename, merged selections, numbers out of Int's range, values of the wrong JSON type, null list items, JSON and
/// StringMap values, escaped strings.
/// </summary>
public sealed class JsonSubtreeTests
{
    private const string Query = """
        query Q($withLabels: Boolean!, $skipSpec: Boolean!) {
          v1 {
            Pods(namespace: "odd-pods") {
              resourceVersion
              items {
                ...meta
                kind: __typename
                spec @skip(if: $skipSpec) { hostNetwork terminationGracePeriodSeconds nodeSelector containers { name ports { containerPort } resources { requests } } }
                status { phase }
                again: metadata { generation labels @include(if: $withLabels) }
              }
            }
            one: Pod(name: "odd", namespace: "odd-pods") {
              metadata { name labels @include(if: $withLabels) }
              ... on V1Pod { status { phase } spec { hostNetwork } }
              spec { containers { name } }
            }
            missing: Pods(namespace: "nobody-here") { items { metadata { name } } }
          }
        }
        fragment meta on V1Pod { metadata { name namespace labels annotations uid } }
        """;

    [Theory]
    [InlineData("""{"withLabels":true,"skipSpec":false}""")]
    [InlineData("""{"withLabels":false,"skipSpec":true}""")]
    public async Task Query_AnswersAsTheEnginesPerFieldExecution(string variables)
    {
        await using var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = 0, Nodes = 1, PodsPerNamespace = 0 });
        await simulator.StartAsync();
        simulator.Store.Create(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "odd-pods" } });
        simulator.Store.Create(Pod("plain", new JsonObject { ["containers"] = new JsonArray(Container("app")) }, new JsonObject { ["phase"] = "Running" }));
        simulator.Store.Create(Pod("odd", new JsonObject
        {
            ["hostNetwork"] = "yes", // not a boolean: null
            ["terminationGracePeriodSeconds"] = 5_000_000_000L, // beyond Int: null
            ["nodeSelector"] = new JsonObject { ["kubernetes.io/os"] = "linux", ["q\"uote"] = "ünïcode \\ \n" },
            ["containers"] = new JsonArray(Container("first"), null, "not an object"),
        }, "not an object either"));
        var token = simulator.AddTokenUser("admin", ["system:masters"]);
        using var http = ClusterTls.Client(simulator.BaseAddress, simulator.CaCertificatePem);
        var api = new KubeRest(http, token);
        var schema = SchemaBuilder.Build(await SchemaDocumentFetcher.FetchAsync(api, CancellationToken.None));
        var inputs = GraphQLHttp.Serializer.Deserialize<Inputs>(variables);

        var projected = await GraphQLExecutor.ExecuteAsync(schema, new GraphQLRequest { Query = Query, Variables = inputs }, new GatewayRequest(api, TimeProvider.System), CancellationToken.None);
        var perField = await new DocumentExecuter().ExecuteAsync(new ExecutionOptions
        {
            Schema = schema,
            Query = Query,
            Variables = inputs,
            UserContext = new GatewayRequest(api, TimeProvider.System),
        });

        var expected = GraphQLHttp.Serializer.Serialize(perField);
        Assert.Equal(expected, GraphQLHttp.Serializer.Serialize(projected));
        Assert.Contains("\"odd\"", expected, StringComparison.Ordinal);
        Assert.True(Nodes(projected.Data as ExecutionNode).OfType<JsonSubtreeNode>().Count() >= 2, "the projection answered the items and the get");
    }

    private static IEnumerable<ExecutionNode> Nodes(ExecutionNode? node)
    {
        if (node is null)
        {
            yield break;
        }
        yield return node;
        var children = node switch
        {
            ObjectExecutionNode o => o.SubFields ?? [],
            ArrayExecutionNode a => (IEnumerable<ExecutionNode>?)a.Items ?? [],
            _ => [],
        };
        foreach (var child in children.SelectMany(Nodes))
        {
            yield return child;
        }
    }

    private static JsonObject Container(string name) => new()
    {
        ["name"] = name,
        ["image"] = "nginx",
        ["ports"] = new JsonArray(new JsonObject { ["containerPort"] = 8080 }),
        ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "64Mi" } },
    };

    private static JsonObject Pod(string name, JsonObject spec, JsonNode status) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "odd-pods", ["labels"] = new JsonObject { ["app"] = name } },
        ["spec"] = spec,
        ["status"] = status,
    };
}
