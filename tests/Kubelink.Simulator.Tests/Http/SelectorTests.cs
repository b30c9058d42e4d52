using System.Text.Json.Nodes;
using Kubelink.Simulator.Discovery;
using Kubelink.Simulator.Http;
using Kubelink.Simulator.Http.Selectors;
using Kubelink.Simulator.Storage;

namespace Kubelink.Simulator.Tests.Http;

public sealed class SelectorTests
{
    private static readonly ResourceType Pods = new("", "v1", "pods", "Pod", true);

    private static StoredObject Pod(string name, JsonObject labels, string phase = "Running", string node = "n1") =>
        StoredObject.From(new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Pod",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "ns", ["labels"] = labels },
            ["spec"] = new JsonObject { ["nodeName"] = node },
            ["status"] = new JsonObject { ["phase"] = phase },
        }, 1);

    [Theory]
    [InlineData("app=web", true)]
    [InlineData("app==web", true)]
    [InlineData("app!=web", false)]
    [InlineData("app in (web, api)", true)]
    [InlineData("app notin (web)", false)]
    [InlineData("tier", true)]
    [InlineData("!tier", false)]
    [InlineData("missing", false)]
    [InlineData("!missing", true)]
    [InlineData("missing!=x", true)]
    [InlineData("missing notin (x)", true)]
    [InlineData("app=web,tier in (gold,silver),!missing", true)]
    [InlineData("app=web,tier=bronze", false)]
    public void Label_selector_operators_match_like_kubernetes(string selector, bool expected)
    {
        var pod = Pod("p", new JsonObject { ["app"] = "web", ["tier"] = "gold" });
        Assert.Equal(expected, LabelSelector.Parse(selector)!(pod));
    }

    [Fact]
    public void Malformed_label_selector_is_a_bad_request()
    {
        var error = Assert.Throws<ApiException>(() => LabelSelector.Parse("app in web"));
        Assert.Equal(400, error.Code);
    }

    [Theory]
    [InlineData("metadata.name=p", true)]
    [InlineData("metadata.namespace==ns", true)]
    [InlineData("status.phase!=Running", false)]
    [InlineData("spec.nodeName=n1,status.phase=Running", true)]
    [InlineData("spec.nodeName=n2", false)]
    public void Field_selectors_match_indexed_fields(string selector, bool expected)
    {
        var pod = Pod("p", []);
        Assert.Equal(expected, FieldSelector.Parse(selector, Pods)!(pod));
    }

    [Fact]
    public void Unsupported_field_is_a_bad_request_naming_the_field()
    {
        var error = Assert.Throws<ApiException>(() => FieldSelector.Parse("spec.foo=bar", Pods));
        Assert.Equal("field label not supported: spec.foo", error.Message);
    }

    [Fact]
    public void Continue_token_round_trips_and_rejects_garbage()
    {
        var token = ContinueToken.Encode(42, "team-a/web-1");
        Assert.Equal((42L, "team-a/web-1"), ContinueToken.Decode(token));
        Assert.Equal(400, Assert.Throws<ApiException>(() => ContinueToken.Decode("%%%")).Code);
    }
}
