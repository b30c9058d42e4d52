using System.Text.Json.Nodes;
using Kubelink.Simulator.Http;
using Kubelink.Simulator.Http.Patching;

namespace Kubelink.Simulator.Tests.Http;

public sealed class PatchTests
{
    private static JsonNode J(string json) => JsonNode.Parse(json)!;

    [Fact]
    public void Merge_patch_sets_replaces_and_deletes_with_null()
    {
        var result = MergePatch.Apply(J("""{"a":1,"b":{"c":2,"d":3},"l":[1,2]}"""), J("""{"a":null,"b":{"c":5},"l":[3],"e":"x"}"""), strategic: false);
        Assert.True(JsonNode.DeepEquals(J("""{"b":{"c":5,"d":3},"l":[3],"e":"x"}"""), result));
    }

    [Fact]
    public void Strategic_merge_merges_named_lists_by_name_and_honours_directives()
    {
        var pod = J("""{"spec":{"containers":[{"name":"app","image":"a:1"},{"name":"side","image":"s:1"}]}}""");
        var patch = J("""
            {"spec":{"$setElementOrder/containers":[{"name":"app"},{"name":"side"}],
                     "containers":[{"name":"app","image":"a:2"},{"name":"side","$patch":"delete"},{"name":"new","image":"n:1"}]}}
            """);
        var result = MergePatch.Apply(pod, patch, strategic: true);
        Assert.True(JsonNode.DeepEquals(J("""{"spec":{"containers":[{"name":"app","image":"a:2"},{"name":"new","image":"n:1"}]}}"""), result));
    }

    [Fact]
    public void Json_patch_applies_rfc6902_operations()
    {
        var doc = J("""{"metadata":{"labels":{"a":"1"}},"list":[1,2,3]}""");
        var ops = J("""
            [{"op":"add","path":"/metadata/labels/b~1c","value":"2"},
             {"op":"replace","path":"/list/0","value":9},
             {"op":"remove","path":"/list/2"},
             {"op":"add","path":"/list/-","value":4},
             {"op":"copy","from":"/metadata/labels/a","path":"/copied"},
             {"op":"move","from":"/copied","path":"/moved"},
             {"op":"test","path":"/moved","value":"1"}]
            """).AsArray();
        var result = JsonPatch.Apply(doc, ops);
        Assert.True(JsonNode.DeepEquals(J("""{"metadata":{"labels":{"a":"1","b/c":"2"}},"list":[9,2,4],"moved":"1"}"""), result));
    }

    [Fact]
    public void Failed_json_patch_test_is_unprocessable()
    {
        var error = Assert.Throws<ApiException>(() => JsonPatch.Apply(J("""{"a":1}"""), J("""[{"op":"test","path":"/a","value":2}]""").AsArray()));
        Assert.Equal(422, error.Code);
    }
}
