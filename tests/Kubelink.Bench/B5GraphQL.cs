using System.Diagnostics;
using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Kubelink.Sidecar.GraphQL.Documents;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.GraphQL.Gateway;
using Kubelink.Sidecar.GraphQL.Schema;
using Kubelink.Simulator;

namespace Kubelink.Bench;

/// <summary>
/// B5: the GraphQL schema built from the real kube-apiserver 1.26 OpenAPI document (the gzipped copy in the test fixtures);
/// a query listing 1,000 pods beside the same REST list; resident memory of the gateway verb serving 20 schema files.
/// </summary>
internal static class B5GraphQL
{
    private static readonly string PodQuery = new JsonObject { ["query"] = B5Breakdown.Query }.ToJsonString();

    public static async Task RunAsync(Options options, Report report)
    {
        var fixture = Path.Combine(AppContext.BaseDirectory, "k8s-1.26-openapi-v2.json.gz");
        var text = Decompress(fixture);
        var build = new List<double>();
        var parse = new List<double>();
        for (var round = 0; round < options.Rounds; round++)
        {
            var watch = Stopwatch.StartNew();
            var document = JsonNode.Parse(text)!.AsObject();
            parse.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            SchemaBuilder.Build(document);
            build.Add(watch.Elapsed.TotalMilliseconds);
        }
        report.Add(new Row("B5", "schema from the real 1.26 /openapi/v2 (492 definitions), after parsing", Report.Median(build), "ms", Report.Median(parse), "JSON parse of the same document", "under 300 ms"));

        using var dir = new TempFolder();
        await using var simulator = new SimulatorServer(new SimulatorOptions { Namespaces = 0, Nodes = 3, PodsPerNamespace = 0 });
        await simulator.StartAsync();
        simulator.Store.Create(new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = "bench" } });
        for (var i = 0; i < 1000; i++)
        {
            simulator.Store.Create(Pod(i));
        }
        var token = simulator.AddTokenUser("bench-admin", ["system:masters"]);
        var definitions = Directory.CreateDirectory(Path.Combine(dir.Path, "definitions")).FullName;
        using (var api = ClusterTls.Client(simulator.BaseAddress, simulator.CaCertificatePem))
        {
            var document = await SchemaDocumentFetcher.FetchAsync(new KubeRest(api, token), CancellationToken.None);
            await B5Breakdown.RunAsync(api, token, SchemaBuilder.Build((JsonObject)document.DeepClone()), options, report);
            for (var i = 0; i < 20; i++)
            {
                document[SchemaFile.MetadataKey] = new ClusterMetadata(simulator.BaseAddress, $"c{i}", simulator.CaCertificatePem, "token").ToJson();
                SchemaFile.WriteAtomic(Path.Combine(definitions, $"c{i}.json"), document);
            }
        }

        var (gateway, url) = await StartGatewayAsync(options.SidecarDll, definitions);
        using (gateway)
        {
            using var http = new HttpClient();
            using var rest = ClusterTls.Client(simulator.BaseAddress, simulator.CaCertificatePem);
            rest.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var graph = new List<double>();
            var list = new List<double>();
            await GraphQueryAsync(http, url, token); // warm both paths once
            await rest.GetStringAsync("/api/v1/namespaces/bench/pods");
            for (var round = 0; round < Math.Max(5, options.Rounds * 2); round++)
            {
                var watch = Stopwatch.StartNew();
                await GraphQueryAsync(http, url, token);
                graph.Add(watch.Elapsed.TotalMilliseconds);
                watch.Restart();
                await rest.GetStringAsync("/api/v1/namespaces/bench/pods");
                list.Add(watch.Elapsed.TotalMilliseconds);
            }
            report.Add(new Row("B5", "query listing 1,000 pods through the gateway", Report.Median(graph), "ms", Report.Median(list), "the same REST list, straight to the API server", "within 1.5x"));
            report.Add(new Row("B5", "gateway resident memory, 20 schema files served", Measure.RssMegabytes(gateway.Id), "MB", null, "—", "—"));
        }
    }

    private static async Task GraphQueryAsync(HttpClient http, Uri url, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, "/c0/graphql")) { Content = new StringContent(PodQuery, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode || body.Contains("\"errors\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The gateway answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        }
    }

    private static async Task<(Process Process, Uri Url)> StartGatewayAsync(string sidecarDll, string definitions)
    {
        var info = new ProcessStartInfo("dotnet", [sidecarDll, "gateway", "--definitions", definitions, "--port", "0"]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var process = Process.Start(info)!;
        _ = process.StandardError.ReadToEndAsync();
        var line = await process.StandardOutput.ReadLineAsync() ?? throw new InvalidOperationException("The gateway printed nothing.");
        var url = new Uri(System.Text.RegularExpressions.Regex.Match(line, @"http://127\.0\.0\.1:\d+").Value);
        using var http = new HttpClient();
        for (var served = 0; served < 20;)
        {
            served = 0;
            for (var i = 0; i < 20; i++)
            {
                using var response = await http.PostAsync(new Uri(url, $"/c{i}/graphql"), new StringContent("{\"query\":\"{ __typename }\"}", Encoding.UTF8, "application/json"));
                served += response.StatusCode == System.Net.HttpStatusCode.Unauthorized ? 1 : 0; // served (401 without a token), not 404
            }
        }
        return (process, url);
    }

    private static JsonObject Pod(int i) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "Pod",
        ["metadata"] = new JsonObject { ["name"] = $"pod-{i:D4}", ["namespace"] = "bench", ["labels"] = new JsonObject { ["app"] = "bench", ["index"] = i.ToString(System.Globalization.CultureInfo.InvariantCulture) } },
        ["spec"] = new JsonObject
        {
            ["nodeName"] = $"node-{i % 3}",
            ["containers"] = new JsonArray(new JsonObject { ["name"] = "app", ["image"] = "nginx:1.27", ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "64Mi" } } }),
        },
        ["status"] = new JsonObject { ["phase"] = "Running" },
    };

    private static string Decompress(string path)
    {
        using var file = File.OpenRead(path);
        using var gzip = new GZipStream(file, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        return reader.ReadToEnd();
    }
}
