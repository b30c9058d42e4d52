using System.Text.Json.Nodes;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.GraphQL;

/// <summary>The gateway follows its folder: a malformed file is reported while the others serve; a rename replaces.</summary>
public sealed class DefinitionsFolderTests
{
    [Fact]
    public async Task MalformedFile_IsReported_AndTheOtherClusterKeepsServing()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        var changed = Changed(bed);
        await File.WriteAllTextAsync(Path.Combine(bed.Definitions, "broken.json"), "{ \"definitions\": { ");
        await Wait.For(changed, "the folder change");
        await Wait.Until(() => bed.Gateway.Folder.Problems.ContainsKey("broken.json"), "the bad file reported");
        Assert.Contains("not valid JSON", bed.Gateway.Folder.Problems["broken.json"], StringComparison.Ordinal);

        var (status, body) = await bed.PostAsync("{ v1 { Namespaces { items { metadata { name } } } } }", bed.AdminToken);
        Assert.Equal(200, status);
        Assert.Null(body["errors"]);
        var (missing, _) = await bed.PostAsync("{ __typename }", bed.AdminToken, path: "broken");
        Assert.Equal(404, missing);
    }

    [Fact]
    public async Task FileWithoutMetadata_IsReportedWithTheReason()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        await File.WriteAllTextAsync(Path.Combine(bed.Definitions, "plain.json"), "{\"definitions\": {}}");
        // A plain write is seen half-written first (reported as not JSON); the report settles on the real reason.
        await Wait.Until(() => bed.Gateway.Folder.Problems.TryGetValue("plain.json", out var reason) && reason.Contains("x-cluster-metadata", StringComparison.Ordinal),
            "the file without metadata reported with that reason");
    }

    [Fact]
    public async Task FileWithAMalformedCaCertificate_IsReported_AndTheGatewayKeepsServing()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        var document = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(bed.Definitions, "sim.json")))!.AsObject();
        var pem = "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n";
        document["x-cluster-metadata"]!["path"] = "bad-ca";
        document["x-cluster-metadata"]!["ca"] = new JsonObject { ["data"] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(pem)) };
        var temp = Path.Combine(bed.Definitions, "bad-ca.tmp");
        await File.WriteAllTextAsync(temp, document.ToJsonString());
        // Renamed in whole, as a writer does: the gateway sees the certificate, not a half-written file.
        File.Move(temp, Path.Combine(bed.Definitions, "bad-ca.json"));

        await Wait.Until(() => bed.Gateway.Folder.Problems.ContainsKey("bad-ca.json") || bed.Gateway.Folder.Find("bad-ca") is not null, "the file with the bad certificate seen");
        Assert.True(bed.Gateway.Folder.Problems.TryGetValue("bad-ca.json", out var reason), "the file with the bad certificate is served");
        Assert.Contains("ca.data\" is not a PEM certificate", reason, StringComparison.Ordinal);
        var (status, body) = await bed.PostAsync("{ v1 { Namespaces { items { metadata { name } } } } }", bed.AdminToken);
        Assert.Equal(200, status);
        Assert.Null(body["errors"]);
        var (missing, _) = await bed.PostAsync("{ __typename }", bed.AdminToken, path: "bad-ca");
        Assert.Equal(404, missing);
    }

    [Fact]
    public async Task RenamedIn_ReplacesTheServedSchema_AndDeletedStopsServing()
    {
        await using var bed = await GatewayTestBed.StartAsync();
        var original = bed.Gateway.Folder.Find("sim");
        var file = Path.Combine(bed.Definitions, "sim.json");
        var document = JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject();
        var temp = Path.Combine(bed.Definitions, "next.tmp");
        await File.WriteAllTextAsync(temp, document.ToJsonString());
        File.Move(temp, file, overwrite: true);
        await Wait.Until(() => !ReferenceEquals(bed.Gateway.Folder.Find("sim"), original) && bed.Gateway.Folder.Find("sim") is not null, "the renamed-in file served");
        var (status, _) = await bed.PostAsync("{ v1 { Namespaces { items { metadata { name } } } } }", bed.AdminToken);
        Assert.Equal(200, status);

        File.Delete(file);
        await Wait.Until(() => bed.Gateway.Folder.Find("sim") is null, "the deleted file no longer served");
        var (gone, _) = await bed.PostAsync("{ __typename }", bed.AdminToken);
        Assert.Equal(404, gone);
    }

    private static Task Changed(GatewayTestBed bed)
    {
        var changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Gateway.Folder.Changed += () => changed.TrySetResult();
        return changed.Task;
    }
}
