using System.Text.Json.Nodes;
using Kubelink.Sidecar.GraphQL.Gateway;
using Kubelink.Sidecar.Tests.TestSupport;

namespace Kubelink.Sidecar.Tests.ClusterAccess;

/// <summary>Path changes, deletion through the finalizer, CRDs added on the target, and atomic rewrites.</summary>
public sealed class ListenerLifecycleTests
{
    private static async Task<ListenerTestBed> ReadyAsync(string path)
    {
        var bed = await ListenerTestBed.StartAsync();
        bed.CaSecret();
        bed.Secret("sim-token", new() { ["token"] = bed.AdminToken });
        await bed.ApplyAsync(bed.Yaml("sim", "secretRef: {name: sim-token, key: token}", path: path));
        await bed.ReadyConditionAsync("sim");
        return bed;
    }

    [Fact]
    public async Task PathChange_RemovesTheOldFile_AndDeletionRemovesTheNewOne()
    {
        await using var bed = await ReadyAsync("first");
        Assert.True(File.Exists(Path.Combine(bed.Definitions, "first.json")));

        await bed.ApplyAsync(bed.Yaml("sim", "secretRef: {name: sim-token, key: token}", path: "second"));
        await Wait.Until(() => File.Exists(Path.Combine(bed.Definitions, "second.json")) && !File.Exists(Path.Combine(bed.Definitions, "first.json")), "the file moved to second.json");
        await Wait.Until(() => bed.Get("sim")?["status"]?["observedPath"]?.ToString() == "second", "observedPath second");

        await Kubectl.OutputAsync(bed.Kubeconfig, "delete", "clusteraccess", "sim", "--wait=true");
        Assert.Null(bed.Get("sim")); // the finalizer was removed, so the object is gone
        Assert.False(File.Exists(Path.Combine(bed.Definitions, "second.json")));
    }

    [Fact]
    public async Task CrdAddedOnTheTarget_RegeneratesTheFile()
    {
        await using var bed = await ReadyAsync("sim");
        var file = Path.Combine(bed.Definitions, "sim.json");
        Assert.DoesNotContain("io.example.widgets", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
        var crd = bed.Combine("widgets.yaml");
        await File.WriteAllTextAsync(crd, """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata:
              name: widgets.example.io
            spec:
              group: example.io
              scope: Namespaced
              names: {plural: widgets, singular: widget, kind: Widget}
              versions:
                - name: v1
                  served: true
                  storage: true
                  schema:
                    openAPIV3Schema:
                      type: object
                      properties:
                        spec:
                          type: object
                          x-kubernetes-preserve-unknown-fields: true
                          properties:
                            size: {type: integer}
            """);
        await Kubectl.OutputAsync(bed.Kubeconfig, "apply", "-f", crd);
        await Wait.Until(() => File.ReadAllText(file).Contains("io.example.v1.Widget", StringComparison.Ordinal), "the Widget definition in the file");
        var widget = JsonNode.Parse(await File.ReadAllTextAsync(file))!["definitions"]!["io.example.v1.Widget"]!;
        Assert.Equal("widgets", widget["x-kubelink-plural"]!.ToString());
    }

    [Fact]
    public async Task AtomicRewrite_AReaderNeverSeesAHalfFile()
    {
        using var dir = new TempDir();
        var file = dir.Combine("big.json");
        var document = new JsonObject { ["definitions"] = new JsonObject(Enumerable.Range(0, 3000).Select(i => KeyValuePair.Create($"d{i}", (JsonNode?)new JsonObject { ["description"] = new string('x', 200) }))) };
        SchemaFile.WriteAtomic(file, document);
        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                var parsed = JsonNode.Parse(File.ReadAllText(file))!; // throws on a torn file
                Assert.Equal(3000, parsed["definitions"]!.AsObject().Count);
                reads++;
            }
        });
        for (var i = 0; i < 30; i++)
        {
            SchemaFile.WriteAtomic(file, document);
        }
        await Wait.Until(() => reads > 5, "a few reads");
        await stop.CancelAsync();
        await reader;
        Assert.DoesNotContain(Directory.GetFiles(dir.Path), f => f.EndsWith(".tmp", StringComparison.Ordinal));
    }
}
