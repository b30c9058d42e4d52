using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Kubelink.Protocol;
using Kubelink.Protocol.Lifecycle;

namespace Kubelink.Sidecar.Tests.Contract;

/// <summary>
/// The wire's compile-time JSON metadata (decision 64): every contract record is in <see cref="ContractJsonContext"/>, the
/// wire's options take it from there, and it describes the same JSON as the reflection metadata it replaces.
/// </summary>
public sealed class ContractJsonContextTests
{
    // The same rules with reflection only: what the wire used before the context.
    private static readonly JsonSerializerOptions Reflection = new(ProtocolJson.Options) { TypeInfoResolver = new DefaultJsonTypeInfoResolver() };

    // Rows with init-only [JsonExtensionData] columns, which generated metadata cannot bind (see ContractJsonContext), and
    // the two records that carry them: these stay on reflection.
    private static readonly HashSet<string> ReflectionOnly = ["ResourceRow", "ResourceListResult", "ResourceChangedParams"];

    public static TheoryData<string> Records() => [.. ContractTypes().Where(t => !ReflectionOnly.Contains(t.Name)).Select(t => t.FullName!)];

    [Fact]
    public void RecordsWithInitOnlyExtensionData_StayOnReflection_AndKeepTheirColumns()
    {
        foreach (var name in ReflectionOnly)
        {
            var type = ContractTypes().Single(t => t.Name == name);
            Assert.IsType<DefaultJsonTypeInfoResolver>(ProtocolJson.Options.GetTypeInfo(type).OriginatingResolver);
        }

        const string json = """{"items":[{"name":"p","namespace":"default","uid":"u","createdAt":null,"phase":"Running","restarts":2}],"stale":false,"columns":[]}""";
        var list = JsonSerializer.Deserialize<Kubelink.Protocol.Resources.ResourceListResult>(json, ProtocolJson.Options)!;
        Assert.Equal(json, JsonSerializer.Serialize(list, ProtocolJson.Options));
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void EveryContractRecord_ComesFromTheContext_OnTheWire(string record)
    {
        var type = typeof(Methods).Assembly.GetType(record)!;
        var info = ProtocolJson.Options.GetTypeInfo(type);
        Assert.True(ReferenceEquals(info.OriginatingResolver, ContractJsonContext.Default),
            $"{type.Name} is resolved by reflection at run time: add [JsonSerializable(typeof({type.Name}))] to ContractJsonContext");
    }

    [Theory]
    [MemberData(nameof(Records))]
    public void ContextMetadata_DescribesTheSameJson_AsReflection(string record)
    {
        var type = typeof(Methods).Assembly.GetType(record)!;
        Assert.Equal(Describe(Reflection.GetTypeInfo(type)), Describe(ProtocolJson.Options.GetTypeInfo(type)));
    }

    [Fact]
    public void InitializeAnswer_IsTheSameBytes_AsWithReflection()
    {
        var result = new InitializeResult
        {
            ServerVersion = "1.2.3",
            ProtocolVersion = ProtocolInfo.Version,
            Capabilities = new ServerCapabilities { Methods = ["initialize", "catalog/list"], ProcessId = 42, LogDirectory = "/tmp/log", Features = ["source.kubeconfig"] },
        };
        Assert.Equal(JsonSerializer.Serialize(result, Reflection), JsonSerializer.Serialize(result, ProtocolJson.Options));

        const string incomplete = """{"clientName":"x","protocolVersion":1}""";
        var fromReflection = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<InitializeParams>(incomplete, Reflection));
        var fromContext = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<InitializeParams>(incomplete, ProtocolJson.Options));
        Assert.Equal(fromReflection.Message, fromContext.Message);
    }

    private static List<string> Describe(JsonTypeInfo info) =>
    [
        $"kind {info.Kind}, unmapped {info.UnmappedMemberHandling}, numbers {info.NumberHandling}",
        .. info.Properties.Select(p =>
            $"{p.Name}: {p.PropertyType} required={p.IsRequired} getNull={p.IsGetNullable} setNull={p.IsSetNullable} get={p.Get is not null} set={p.Set is not null} order={p.Order} converter={p.CustomConverter?.GetType().Name} ext={p.IsExtensionData}"),
    ];

    private static IEnumerable<Type> ContractTypes() => ContractRulesTests.ContractTypes();
}
