using System.Text;
using System.Text.Json;
using Kubelink.Protocol;
using Kubelink.Protocol.Catalog;
using Kubelink.Sidecar.Tests.Kubeconfig;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.Rpc;

/// <summary>
/// The RPC half of issue 11's bad-input suite, through the real sidecar process (the kubeconfig half is
/// <c>BadKubeconfigSuiteTests</c>). Each case is one frame whose body is hostile or of the wrong shape; it must be answered
/// with its error code (or, for a notification, not at all), and after it the sidecar must be alive, answer
/// <c>catalog/list</c> and <c>cluster/get</c>, have written nothing but frames to stdout and stay under a memory bound.
/// </summary>
public sealed class BadRpcSuiteTests(Xunit.Abstractions.ITestOutputHelper output)
{
    /// <summary>The sidecar idles near 100 MB; the largest case below is a 40 MB frame (dropped unread).</summary>
    private const long MemoryBound = 512L * 1024 * 1024;

    /// <summary>One frame; <paramref name="Code"/> is the expected error (null: no answer), answered to <paramref name="Id"/> (raw JSON).</summary>
    private sealed record Case(string Name, byte[] Body, int? Code, string Id = "null");

    [Fact]
    public async Task EveryBadMessage_IsAnsweredWithItsCode_AndTheSessionGoesOn()
    {
        using var dir = new TempDir();
        var good = Fixture.CopyTo(dir.Path, "valid-token.yaml", "good.yaml");
        using var sidecar = SidecarProcess.Start(dir.Combine("state"), new Dictionary<string, string>
        {
            ["KUBECONFIG"] = good,
            ["HOME"] = Directory.CreateDirectory(dir.Combine("home")).FullName,
        });
        Assert.False((await sidecar.RequestAsync(Methods.Initialize, $$"""{"clientName":"suite","clientVersion":"1","protocolVersion":{{ProtocolInfo.Version}}}""")).TryGetProperty("error", out _));
        var id = (await CheckHealthyAsync(sidecar, "initialize")).Id;

        foreach (var c in Cases(id))
        {
            await sidecar.SendAsync(c.Body);
            if (c.Code is { } code)
            {
                var answer = await AnswerToAsync(sidecar, c.Id);
                Assert.True(answer.TryGetProperty("error", out var error), $"'{c.Name}' was answered without an error: {answer}");
                Assert.True(code == error.GetProperty("code").GetInt32(), $"'{c.Name}' was answered with {error}");
            }

            await CheckHealthyAsync(sidecar, c.Name);
            output.WriteLine($"{c.Name}: {sidecar.ResidentBytes() >> 20} MB resident");
        }

        var peak = sidecar.PeakResidentBytes();
        await sidecar.RequestAsync(Methods.Shutdown);
        await sidecar.SendAsync("""{"jsonrpc":"2.0","method":"exit"}""");
        var stdout = await sidecar.WaitForExitAsync("the sidecar to exit after the suite");
        Assert.NotEmpty(Frames.Parse(stdout));
        Assert.Equal(0, sidecar.Process.ExitCode);
        Assert.True(peak < MemoryBound, $"peak memory {peak >> 20} MB");
    }

    private static IEnumerable<Case> Cases(string clusterId)
    {
        static byte[] Text(string json) => Encoding.UTF8.GetBytes(json);
        static byte[] Request(int id, string method, object parameters) => JsonSerializer.SerializeToUtf8Bytes(new { jsonrpc = "2.0", id, method, @params = parameters });

        // Issue 11 item 4: each of these ended the session with exit 0.
        yield return new("method is a number", Text("""{"jsonrpc":"2.0","id":81,"method":5}"""), ErrorCodes.InvalidRequest, "81");
        yield return new("method is null", Text("""{"jsonrpc":"2.0","id":82,"method":null}"""), ErrorCodes.InvalidRequest, "82");
        yield return new("method is an object", Text("""{"jsonrpc":"2.0","id":"s-83","method":{"a":1}}"""), ErrorCodes.InvalidRequest, "\"s-83\"");
        yield return new("method is empty", Text("""{"jsonrpc":"2.0","id":84,"method":""}"""), ErrorCodes.InvalidRequest, "84");
        yield return new("params is a string", Text("""{"jsonrpc":"2.0","id":85,"method":"catalog/list","params":"str"}"""), ErrorCodes.InvalidParams, "85");
        yield return new("params is a number", Text("""{"jsonrpc":"2.0","id":86,"method":"catalog/list","params":5}"""), ErrorCodes.InvalidParams, "86");
        yield return new("cluster/get, params a string", Text("""{"jsonrpc":"2.0","id":87,"method":"cluster/get","params":"str"}"""), ErrorCodes.InvalidParams, "87");
        yield return new("cluster/get, params a number", Text("""{"jsonrpc":"2.0","id":88,"method":"cluster/get","params":5}"""), ErrorCodes.InvalidParams, "88");
        yield return new("cluster/get, params true", Text("""{"jsonrpc":"2.0","id":89,"method":"cluster/get","params":true}"""), ErrorCodes.InvalidParams, "89");
        yield return new("a notification with a number for params", Text("""{"jsonrpc":"2.0","method":"cluster/get","params":5}"""), null);
        yield return new("a notification with a number for method", Text("""{"jsonrpc":"2.0","method":7}"""), ErrorCodes.InvalidRequest);

        // Shapes StreamJsonRpc already reads, kept so that they stay answered.
        yield return new("not JSON", Text("{this is not json"), ErrorCodes.ParseError);
        yield return new("an empty body", [], ErrorCodes.ParseError);
        yield return new("a number", Text("5"), ErrorCodes.ParseError);
        yield return new("a batch", Text("""[{"jsonrpc":"2.0","id":90,"method":"catalog/list"}]"""), ErrorCodes.ParseError);
        yield return new("an object id", Text("""{"jsonrpc":"2.0","id":{"a":1},"method":"catalog/list"}"""), ErrorCodes.ParseError);
        yield return new("neither request nor answer", Text("""{"jsonrpc":"2.0","id":91}"""), ErrorCodes.InvalidRequest, "91");
        yield return new("not UTF-8", [0x7b, 0xff, 0xfe, 0x7d], ErrorCodes.ParseError);
        yield return new("100,000 nested '['", Text("""{"jsonrpc":"2.0","id":92,"method":"catalog/list","params":""" + new string('[', 100_000) + new string(']', 100_000) + "}"), ErrorCodes.ParseError);
        yield return new("an unknown method", Text("""{"jsonrpc":"2.0","id":93,"method":"cluster/explode","params":{}}"""), ErrorCodes.MethodNotFound, "93");
        yield return new("clusterId is a number", Text("""{"jsonrpc":"2.0","id":94,"method":"cluster/get","params":{"clusterId":5}}"""), ErrorCodes.InvalidParams, "94");
        yield return new("clusterId is missing", Text("""{"jsonrpc":"2.0","id":95,"method":"cluster/get","params":{}}"""), ErrorCodes.InvalidParams, "95");
        yield return new("an unknown clusterId", Text("""{"jsonrpc":"2.0","id":96,"method":"cluster/get","params":{"clusterId":"nope"}}"""), ErrorCodes.ClusterNotFound, "96");
        yield return new("a 10 MB clusterId", Request(97, "cluster/get", new { clusterId = new string('a', 10_000_000) }), ErrorCodes.ClusterNotFound, "97");
        yield return new("setDefaultNamespace with a path", Request(98, "cluster/setDefaultNamespace", new { clusterId, @namespace = "../../etc" }), ErrorCodes.InvalidParams, "98");
        yield return new("resources/subscribe with an empty subscriptionId", Request(99, "resources/subscribe", new { subscriptionId = "", clusterId, group = "", version = "v1", resource = "pods" }), ErrorCodes.InvalidParams, "99");
        // Over the 32 MB bound (RpcConnection.MaxMessageBytes): dropped unread, answered in its place with id null.
        yield return new("a 40 MB request", Request(101, "cluster/get", new { clusterId = new string('a', 40_000_000) }), ErrorCodes.ParseError);
        yield return new("a second initialize", Request(100, "initialize", new { clientName = "x", clientVersion = "1", protocolVersion = ProtocolInfo.Version }), ErrorCodes.InvalidRequest, "100");
    }

    /// <summary>Frames until the answer to <paramref name="id"/> (raw JSON); notifications and other answers are passed over.</summary>
    private static async Task<JsonElement> AnswerToAsync(SidecarProcess sidecar, string id)
    {
        while (true)
        {
            var frame = await sidecar.ReadFrameAsync();
            if (frame.TryGetProperty("id", out var frameId) && frameId.GetRawText() == id && !frame.TryGetProperty("method", out _))
            {
                return frame;
            }
        }
    }

    private static async Task<CatalogEntry> CheckHealthyAsync(SidecarProcess sidecar, string after)
    {
        Assert.False(sidecar.Process.HasExited, $"the sidecar ended after '{after}': {sidecar.Stderr}");
        var list = await sidecar.RequestAsync(Methods.CatalogList);
        Assert.False(list.TryGetProperty("error", out var error), $"catalog/list after '{after}': {error}");
        var entry = Assert.Single(list.GetProperty("result").Deserialize<CatalogListResult>(ProtocolJson.Options)!.Clusters);
        var get = await sidecar.RequestAsync(Methods.ClusterGet, $$"""{"clusterId":"{{entry.Id}}"}""");
        Assert.False(get.TryGetProperty("error", out error), $"cluster/get after '{after}': {error}");
        Assert.NotEmpty(Frames.Parse(sidecar.ConsumedStdout));
        Assert.True(sidecar.ResidentBytes() < MemoryBound, $"{sidecar.ResidentBytes() >> 20} MB resident after '{after}'");
        return entry;
    }
}
