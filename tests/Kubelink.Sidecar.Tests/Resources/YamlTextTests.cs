using System.Text.Json;
using Kubelink.Sidecar.Resources.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Kubelink.Sidecar.Tests.Resources;

/// <summary>JSON → YAML: layout like kubectl's, and every string reads back as the same string.</summary>
public sealed class YamlTextTests
{
    private static string Yaml(string json) => YamlText.FromJson(JsonDocument.Parse(json).RootElement);

    /// <summary>Parses the YAML back and returns the scalar under <paramref name="key"/> of the top mapping.</summary>
    private static YamlScalarNode Read(string yaml, string key)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (YamlScalarNode)((YamlMappingNode)stream.Documents[0].RootNode).Children[new YamlScalarNode(key)];
    }

    [Fact]
    public void Layout_IsBlockStyleWithSequencesUnderTheirKey()
    {
        var yaml = Yaml("""{"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},"spec":{"containers":[{"name":"app","ports":[{"containerPort":8080}]}]}}""");

        Assert.Equal(
            """
            apiVersion: v1
            kind: Pod
            metadata:
              name: web
              labels:
                app: web
            spec:
              containers:
              - name: app
                ports:
                - containerPort: 8080

            """.ReplaceLineEndings("\n"),
            yaml.ReplaceLineEndings("\n"));
    }

    [Theory]
    [InlineData("true")]
    [InlineData("False")]
    [InlineData("yes")]
    [InlineData("NO")]
    [InlineData("on")]
    [InlineData("y")]
    [InlineData("null")]
    [InlineData("~")]
    [InlineData("")]
    [InlineData("8080")]
    [InlineData("-1.5e3")]
    [InlineData("0x1F")]
    [InlineData("0o17")]
    [InlineData("1:30")]
    [InlineData(".inf")]
    [InlineData(".NaN")]
    [InlineData("2026-01-02T03:04:05Z")]
    [InlineData("2026-01-02")]
    public void StringsThatWouldReadAsAnotherType_AreQuoted(string value)
    {
        var yaml = Yaml(JsonSerializer.Serialize(new Dictionary<string, string> { ["v"] = value }));

        var scalar = Read(yaml, "v");
        Assert.Equal(value, scalar.Value);
        Assert.NotEqual(ScalarStyle.Plain, scalar.Style);
    }

    [Theory]
    [InlineData("a: b")]
    [InlineData("x #comment")]
    [InlineData("#start")]
    [InlineData("- item")]
    [InlineData("*alias")]
    [InlineData("&anchor")]
    [InlineData("!tag")]
    [InlineData("{flow}")]
    [InlineData("[flow]")]
    [InlineData("'single'")]
    [InlineData("\"double\"")]
    [InlineData("% directive")]
    [InlineData("@at")]
    [InlineData("`tick")]
    [InlineData(" leading")]
    [InlineData("trailing ")]
    [InlineData("|pipe")]
    [InlineData(">fold")]
    [InlineData("tab\there")]
    [InlineData("ünïcødé ✓")]
    public void StringsWithYamlSyntax_ReadBackUnchanged(string value)
    {
        var yaml = Yaml(JsonSerializer.Serialize(new Dictionary<string, string> { ["v"] = value }));

        Assert.Equal(value, Read(yaml, "v").Value);
    }

    [Fact]
    public void OrdinaryStrings_StayPlain()
    {
        var yaml = Yaml("""{"image":"registry.example.com/web:1.2.3","url":"https://example.com/a?b=c"}""");

        Assert.Equal("image: registry.example.com/web:1.2.3\nurl: https://example.com/a?b=c\n", yaml.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void MultiLineStrings_BecomeLiteralBlocks()
    {
        const string Script = "#!/bin/sh\necho \"hello: world\"\nexit 0\n";
        var yaml = Yaml(JsonSerializer.Serialize(new Dictionary<string, string> { ["script"] = Script }));

        Assert.StartsWith("script: |", yaml, StringComparison.Ordinal);
        var scalar = Read(yaml, "script");
        Assert.Equal(Script, scalar.Value);
        Assert.Equal(ScalarStyle.Literal, scalar.Style);
    }

    [Fact]
    public void NumbersBooleansAndNulls_StayTyped()
    {
        var yaml = Yaml("""{"replicas":3,"ratio":0.25,"big":12345678901234,"ok":true,"no":false,"none":null}""");

        Assert.Equal("replicas: 3\nratio: 0.25\nbig: 12345678901234\nok: true\n\"no\": false\nnone: null\n", yaml.ReplaceLineEndings("\n"));
        Assert.Equal(ScalarStyle.Plain, Read(yaml, "ok").Style);
    }

    [Fact]
    public void EmptyCollections_AreWrittenInFlowStyle()
    {
        var yaml = Yaml("""{"labels":{},"items":[]}""");

        Assert.Equal("labels: {}\nitems: []\n", yaml.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void KeysThatNeedQuoting_AreQuoted()
    {
        var yaml = Yaml("""{"example.com/a: b":"x","true":"y"}""");

        Assert.Equal("x", Read(yaml, "example.com/a: b").Value);
        Assert.Equal("y", Read(yaml, "true").Value);
    }

    [Fact]
    public void LongValues_AreNotFolded()
    {
        var value = string.Join(' ', Enumerable.Repeat("word", 60));

        var yaml = Yaml(JsonSerializer.Serialize(new Dictionary<string, string> { ["v"] = value }));

        Assert.Equal($"v: {value}\n", yaml.ReplaceLineEndings("\n"));
    }

    [Fact]
    public void ObjectNestedDeeperThanTheLimit_IsCutWithANote_NotAStackOverflow()
    {
        const int depth = 100_000; // parsed with the bound lifted: the writer itself must not recurse that deep
        var json = string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth);
        using var document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = depth + 1 });

        var yaml = YamlText.FromJson(document.RootElement);

        Assert.Contains("nested deeper than 64 levels, not shown", yaml);
    }
}
