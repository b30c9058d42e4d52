using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using GraphQL.Transport;
using GraphQL.Types;
using Kubelink.Sidecar.GraphQL.Execution;
using Kubelink.Sidecar.GraphQL.Gateway;

namespace Kubelink.Bench;

/// <summary>
/// B5's query taken apart in process, against the same simulator over the same HTTPS connection: the REST GET alone, the
/// JSON parse of its body, the whole execution (GET, parse, resolvers) and the serialization of the result. Execution minus
/// the GET and the parse is what the GraphQL engine and the resolvers cost; the gateway's HTTP hop is the rest.
/// </summary>
internal static class B5Breakdown
{
    public const string Query = "{ v1 { Pods(namespace: \"bench\") { items { metadata { name namespace labels } spec { nodeName containers { name image } } status { phase } } } } }";

    public static async Task RunAsync(HttpClient api, string token, ISchema schema, Options options, Report report)
    {
        var rest = new KubeRest(api, token);
        var request = new GraphQLRequest { Query = Query };
        var get = new List<double>();
        var parse = new List<double>();
        var execute = new List<double>();
        var serialize = new List<double>();
        for (var round = -2; round < Math.Max(10, options.Rounds * 4); round++) // two warm-up rounds
        {
            var watch = Stopwatch.StartNew();
            var bytes = await GetAsync(api, token);
            var getMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            JsonDocument.Parse(bytes).Dispose();
            var parseMs = watch.Elapsed.TotalMilliseconds;
            watch.Restart();
            var result = await GraphQLExecutor.ExecuteAsync(schema, request, new GatewayRequest(rest, TimeProvider.System), CancellationToken.None);
            var executeMs = watch.Elapsed.TotalMilliseconds;
            if (result.Errors is { Count: > 0 } errors)
            {
                throw new InvalidOperationException($"B5 breakdown: {errors[0].Message}");
            }
            watch.Restart();
            await GraphQLHttp.Serializer.WriteAsync(Stream.Null, result);
            var serializeMs = watch.Elapsed.TotalMilliseconds;
            if (round >= 0)
            {
                get.Add(getMs);
                parse.Add(parseMs);
                execute.Add(executeMs);
                serialize.Add(serializeMs);
            }
        }
        var baseline = Report.Median(get);
        report.Add(new Row("B5", "in process: the 1,000-pod query executed (GET + parse + resolvers)", Report.Median(execute), "ms", baseline, "the same GET read as bytes", "—"));
        report.Add(new Row("B5", "in process: the list's JSON parsed (JsonDocument, as the gateway does)", Report.Median(parse), "ms", baseline, "the same GET read as bytes", "—"));
        report.Add(new Row("B5", "in process: the result serialized", Report.Median(serialize), "ms", baseline, "the same GET read as bytes", "—"));
    }

    private static async Task<byte[]> GetAsync(HttpClient api, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "api/v1/namespaces/bench/pods") { Version = System.Net.HttpVersion.Version20 };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await api.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsByteArrayAsync();
    }
}
