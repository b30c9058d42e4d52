using System.Net;
using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Tests.Discovery;

/// <summary>Discovery and OpenAPI documents, and kinds added at run time through CRDs.</summary>
public sealed class DiscoveryTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    private const string AggregatedV2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    private HttpClient Http() => RawApi.Create(sim.Server, sim.Server.AddTokenUser("discoverer"));

    [Fact]
    public async Task Aggregated_discovery_answers_v2_with_its_content_type()
    {
        using var http = Http();
        var request = new HttpRequestMessage(HttpMethod.Get, "/apis");
        request.Headers.Accept.ParseAdd(AggregatedV2 + ",application/json");
        var response = await http.SendAsync(request);
        Assert.Equal(AggregatedV2, response.Content.Headers.ContentType!.ToString().Replace(" ", ""));
        var list = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("APIGroupDiscoveryList", list["kind"]!.GetValue<string>());
        Assert.Equal("apidiscovery.k8s.io/v2", list["apiVersion"]!.GetValue<string>());
        var apps = list["items"]!.AsArray().Single(i => i!["metadata"]!["name"]!.GetValue<string>() == "apps")!;
        var deployments = apps["versions"]![0]!["resources"]!.AsArray().Single(r => r!["resource"]!.GetValue<string>() == "deployments")!;
        Assert.Equal("Namespaced", deployments["scope"]!.GetValue<string>());
        Assert.Equal("Deployment", deployments["responseKind"]!["kind"]!.GetValue<string>());

        var legacy = await http.GetAsync("/apis");
        Assert.Equal("application/json", legacy.Content.Headers.ContentType!.MediaType);
        Assert.Equal("APIGroupList", JsonNode.Parse(await legacy.Content.ReadAsStringAsync())!["kind"]!.GetValue<string>());
    }

    [Fact]
    public async Task Health_and_version_endpoints_answer_for_any_authenticated_user()
    {
        using var http = Http();
        foreach (var path in new[] { "/healthz", "/livez", "/readyz" })
        {
            Assert.Equal("ok", await http.GetStringAsync(path));
        }
        var version = JsonNode.Parse(await http.GetStringAsync("/version"))!;
        Assert.Equal("v1.32.4", version["gitVersion"]!.GetValue<string>());
        // As upstream: authorization comes first, so an unknown path is forbidden to a plain user and 404 to an admin.
        var forbidden = await http.GetAsync("/no/such/path");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("forbidden: User \"discoverer\" cannot get path \"/no/such/path\"",
            JsonNode.Parse(await forbidden.Content.ReadAsStringAsync())!["message"]!.GetValue<string>());
        using var admin = RawApi.Create(sim.Server, sim.Server.AddTokenUser("path-admin", ["system:masters"]));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/no/such/path")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync("/api/v1/namespaces")).StatusCode);
    }

    [Fact]
    public async Task OpenApi_v3_declares_server_side_field_validation_per_kind()
    {
        using var http = Http();
        var index = JsonNode.Parse(await http.GetStringAsync("/openapi/v3"))!;
        var url = index["paths"]!["api/v1"]!["serverRelativeURL"]!.GetValue<string>();
        var doc = JsonNode.Parse(await http.GetStringAsync(url))!;
        var patch = doc["paths"]!["/api/v1/namespaces/{namespace}/configmaps/{name}"]!["patch"]!;
        Assert.Equal("ConfigMap", patch["x-kubernetes-group-version-kind"]!["kind"]!.GetValue<string>());
        Assert.Contains(patch["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "fieldValidation");
        var schemas = doc["components"]!["schemas"]!.AsObject();
        var pod = schemas.Single(s => s.Value!["x-kubernetes-group-version-kind"]?[0]?["kind"]?.GetValue<string>() == "Pod").Value!;
        Assert.NotNull(pod["properties"]!["spec"]);
    }

    [Fact]
    public async Task OpenApi_v2_is_served_as_json_and_refuses_protobuf()
    {
        using var http = Http();
        var json = JsonNode.Parse(await http.GetStringAsync("/openapi/v2"))!;
        Assert.Equal("2.0", json["swagger"]!.GetValue<string>());
        var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v2");
        request.Headers.TryAddWithoutValidation("Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf");
        Assert.Equal(HttpStatusCode.NotAcceptable, (await http.SendAsync(request)).StatusCode);
    }

    [Fact]
    public async Task Crd_created_from_code_is_discoverable_and_served_and_its_deletion_removes_it()
    {
        using var admin = RawApi.Create(sim.Server, sim.Server.AddTokenUser("crd-admin", ["system:masters"]));
        sim.Server.Store.Create(JsonNode.Parse("""
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
             "metadata":{"name":"backups.ops.kubelink.dev"},
             "spec":{"group":"ops.kubelink.dev","scope":"Cluster","names":{"plural":"backups","kind":"Backup","shortNames":["bk"]},
                     "versions":[{"name":"v1beta1","served":true,"storage":false},{"name":"v1","served":true,"storage":true}]}}
            """)!.AsObject());
        var group = JsonNode.Parse(await admin.GetStringAsync("/apis/ops.kubelink.dev"))!;
        Assert.Equal("ops.kubelink.dev/v1", group["preferredVersion"]!["groupVersion"]!.GetValue<string>());
        var created = await admin.PostAsync("/apis/ops.kubelink.dev/v1/backups",
            new StringContent("""{"apiVersion":"ops.kubelink.dev/v1","kind":"Backup","metadata":{"name":"nightly"},"spec":{"at":"02:00"}}""",
                System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var viaBeta = JsonNode.Parse(await admin.GetStringAsync("/apis/ops.kubelink.dev/v1beta1/backups/nightly"))!;
        Assert.Equal("ops.kubelink.dev/v1beta1", viaBeta["apiVersion"]!.GetValue<string>());
        var crd = sim.Server.Store.Get("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "backups.ops.kubelink.dev")!;
        Assert.Contains(crd["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Established");

        Assert.True(sim.Server.Store.Delete("apiextensions.k8s.io/v1", "CustomResourceDefinition", null, "backups.ops.kubelink.dev"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/apis/ops.kubelink.dev/v1/backups")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/apis/ops.kubelink.dev")).StatusCode);
    }

    [Fact]
    public async Task Kinds_registered_from_code_are_served_without_a_crd()
    {
        await using var own = await SimulatorFixture.StartAsync(new SimulatorOptions
        {
            Namespaces = 0, Nodes = 0, PodsPerNamespace = 0,
            CustomKinds = { new Kubelink.Simulator.Discovery.ResourceType("startup.kubelink.dev", "v1", "probes", "Probe", true) },
        });
        own.Server.Store.RegisterKind(new Kubelink.Simulator.Discovery.ResourceType("later.kubelink.dev", "v1alpha1", "gauges", "Gauge", false));
        using var admin = RawApi.Create(own.Server, own.Server.AddTokenUser("kinds", ["system:masters"]));
        var groups = JsonNode.Parse(await admin.GetStringAsync("/apis"))!["groups"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("startup.kubelink.dev", groups);
        Assert.Contains("later.kubelink.dev", groups);
        own.Server.Store.Create(JsonNode.Parse("""{"apiVersion":"startup.kubelink.dev/v1","kind":"Probe","metadata":{"name":"p","namespace":"team-a"},"spec":{"x":1}}""")!.AsObject());
        var list = JsonNode.Parse(await admin.GetStringAsync("/apis/startup.kubelink.dev/v1/namespaces/team-a/probes"))!;
        Assert.Equal("ProbeList", list["kind"]!.GetValue<string>());
        Assert.Equal(1, list["items"]![0]!["spec"]!["x"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/apis/later.kubelink.dev/v1alpha1/gauges")).StatusCode);
    }

    [Fact]
    public async Task Table_output_has_kubectl_columns_and_partial_object_metadata()
    {
        using var admin = RawApi.Create(sim.Server, sim.Server.AddTokenUser("table-admin", ["system:masters"]));
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/namespaces/team-a/pods");
        request.Headers.Accept.ParseAdd("application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        var table = JsonNode.Parse(await (await admin.SendAsync(request)).Content.ReadAsStringAsync())!;
        Assert.Equal("Table", table["kind"]!.GetValue<string>());
        Assert.Equal(["Name", "Ready", "Status", "Restarts", "Age", "IP", "Node", "Nominated Node", "Readiness Gates"],
            table["columnDefinitions"]!.AsArray().Select(c => c!["name"]!.GetValue<string>()));
        var row = table["rows"]![0]!;
        Assert.Equal("PartialObjectMetadata", row["object"]!["kind"]!.GetValue<string>());
        Assert.Equal("Running", row["cells"]![2]!.GetValue<string>());
    }
}
