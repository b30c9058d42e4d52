using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kubelink.Protocol;

/// <summary>The one set of JSON rules used on the wire and by the contract printer, so both describe the same bytes.</summary>
public static class ProtocolJson
{
    /// <summary>camelCase fields, camelCase enum strings, nulls written (a <c>null</c> is information: "no error").</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.Never,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
