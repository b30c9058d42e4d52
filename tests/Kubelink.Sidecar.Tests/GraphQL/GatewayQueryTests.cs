using System.Text.Json.Nodes;

namespace Kubelink.Sidecar.Tests.GraphQL;

/// <summary>Queries and mutations through the real gateway against the simulator, with the caller's own token.</summary>
public sealed class GatewayQueryTests
{
    [Fact]
    public async Task CorePods_AdminToken_ListsThePodsOfTheNamespace()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        var (status, body) = await bed.PostAsync("""{ v1 { Pods(namespace: "team-a") { resourceVersion items { metadata { name namespace labels } spec { containers { name image } } } } } }""", bed.AdminToken);
        Assert.True(status == 200, body.ToJsonString());
        Assert.Null(body["errors"]);
        var items = body["data"]!["v1"]!["Pods"]!["items"]!.AsArray();
        Assert.Equal(2, items.Count);
        Assert.All(items, item => Assert.Equal("team-a", item!["metadata"]!["namespace"]!.ToString()));
        Assert.NotNull(items[0]!["spec"]!["containers"]![0]!["image"]);
    }

    [Fact]
    public async Task AppsDeployments_NestedByGroup_ResolveAndGetOneByName()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        var (_, list) = await bed.PostAsync("""{ apps { v1 { Deployments { items { metadata { name namespace } spec { replicas } } } } } }""", bed.AdminToken);
        Assert.Null(list["errors"]);
        var first = list["data"]!["apps"]!["v1"]!["Deployments"]!["items"]!.AsArray()[0]!["metadata"]!;
        var (_, one) = await bed.PostAsync($$"""{ apps { v1 { Deployment(name: "{{first["name"]}}", namespace: "{{first["namespace"]}}") { metadata { name } } DeploymentYaml(name: "{{first["name"]}}", namespace: "{{first["namespace"]}}") } } }""", bed.AdminToken);
        Assert.Null(one["errors"]);
        Assert.Equal(first["name"]!.ToString(), one["data"]!["apps"]!["v1"]!["Deployment"]!["metadata"]!["name"]!.ToString());
        Assert.Contains("kind: Deployment", one["data"]!["apps"]!["v1"]!["DeploymentYaml"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForbiddenList_RestrictedToken_IsAGraphQLErrorWithTheApiServersMessage()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        var (status, body) = await bed.PostAsync("""{ v1 { Pods(namespace: "kube-system") { items { metadata { name } } } } }""", bed.RestrictedToken);
        Assert.Equal(200, status);
        var error = body["errors"]!.AsArray()[0]!;
        Assert.Contains("pods is forbidden", error["message"]!.ToString(), StringComparison.Ordinal);
        Assert.Contains("\"restricted\"", error["message"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("Forbidden", error["extensions"]!["code"]!.ToString());

        var (_, allowed) = await bed.PostAsync("""{ v1 { Pods(namespace: "team-a") { items { metadata { name } } } } }""", bed.RestrictedToken);
        Assert.Null(allowed["errors"]);
    }

    [Fact]
    public async Task NoToken_Is401()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        var (status, body) = await bed.PostAsync("{ v1 { Pods { items { metadata { name } } } } }", null);
        Assert.Equal(401, status);
        Assert.Contains("bearer token", body["errors"]![0]!["message"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateUpdateDelete_ConfigMap_DryRunPersistsNothing()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        var configMap = new JsonObject { ["metadata"] = new JsonObject { ["name"] = "gql-cm", ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "demo" } }, ["data"] = new JsonObject { ["a"] = "1" } };
        const string create = "mutation($o: V1ConfigMap_Input!, $dry: Boolean) { v1 { createConfigMap(namespace: \"default\", object: $o, dryRun: $dry) { metadata { name labels } data } } }";

        var (_, dry) = await bed.PostAsync(create, bed.AdminToken, new JsonObject { ["o"] = configMap.DeepClone(), ["dry"] = true });
        Assert.Null(dry["errors"]);
        var (_, absent) = await bed.PostAsync("{ v1 { ConfigMap(name: \"gql-cm\", namespace: \"default\") { metadata { name } } } }", bed.AdminToken);
        Assert.Equal("NotFound", absent["errors"]![0]!["extensions"]!["code"]!.ToString());

        var (_, created) = await bed.PostAsync(create, bed.AdminToken, new JsonObject { ["o"] = configMap.DeepClone() });
        Assert.Null(created["errors"]);
        Assert.Equal("demo", created["data"]!["v1"]!["createConfigMap"]!["metadata"]!["labels"]!["app.kubernetes.io/name"]!.ToString());

        var (_, updated) = await bed.PostAsync("mutation { v1 { updateConfigMap(name: \"gql-cm\", namespace: \"default\", object: { data: { b: \"2\" } }) { data } } }", bed.AdminToken);
        Assert.Null(updated["errors"]);
        Assert.Equal("1", updated["data"]!["v1"]!["updateConfigMap"]!["data"]!["a"]!.ToString()); // a merge patch keeps what it does not name
        Assert.Equal("2", updated["data"]!["v1"]!["updateConfigMap"]!["data"]!["b"]!.ToString());

        var (_, deleted) = await bed.PostAsync("mutation { v1 { deleteConfigMap(name: \"gql-cm\", namespace: \"default\") } }", bed.AdminToken);
        Assert.Null(deleted["errors"]);
        Assert.True(deleted["data"]!["v1"]!["deleteConfigMap"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Mutation_RestrictedToken_IsAGraphQLErrorWithTheApiServersMessage_AndWritesNothing()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        // The restricted user may view team-a, not write it: the caller's own token decides, not the gateway's.
        var (status, body) = await bed.PostAsync("mutation { v1 { createConfigMap(namespace: \"team-a\", object: { metadata: { name: \"gql-denied\" } }) { metadata { name } } } }", bed.RestrictedToken);

        Assert.Equal(200, status);
        var error = body["errors"]!.AsArray()[0]!;
        Assert.Contains("configmaps is forbidden", error["message"]!.ToString(), StringComparison.Ordinal);
        Assert.Equal("Forbidden", error["extensions"]!["code"]!.ToString());
        Assert.Null(bed.Simulator.Store.Get("v1", "ConfigMap", "team-a", "gql-denied"));
    }
}
