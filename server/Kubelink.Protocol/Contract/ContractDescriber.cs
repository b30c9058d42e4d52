using System.Reflection;
using System.Text.Json;

namespace Kubelink.Protocol.Contract;

/// <summary>
/// Builds the <see cref="ContractDocument"/> from <see cref="Methods"/> by reflection, following every record the methods reach.
/// This is the single source the TypeScript side is generated from and checked against.
/// </summary>
public static class ContractDescriber
{
    /// <summary>Describes the contract declared in this assembly.</summary>
    public static ContractDocument Describe()
    {
        var docs = new XmlDocs(typeof(Methods).Assembly);
        var records = new SortedDictionary<string, Type>(StringComparer.Ordinal);
        var enums = new SortedDictionary<string, Type>(StringComparer.Ordinal);
        var methods = new List<ContractMethod>();

        foreach (var field in typeof(Methods).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            var name = (string)field.GetRawConstantValue()!;
            var request = field.GetCustomAttribute<RequestAttribute>();
            var notification = field.GetCustomAttribute<NotificationAttribute>();
            if ((request is null) == (notification is null))
            {
                throw new InvalidOperationException($"Methods.{field.Name} needs exactly one [Request] or [Notification] attribute.");
            }

            var paramsType = request is not null ? request.ParamsType : notification!.ParamsType;
            var resultType = request?.ResultType;
            Collect(paramsType, records, enums);
            Collect(resultType, records, enums);
            methods.Add(new ContractMethod
            {
                Name = name,
                Identifier = field.Name,
                Kind = request is not null ? "request" : "notification",
                Direction = request?.Direction ?? notification!.Direction,
                Params = paramsType?.Name,
                Result = resultType?.Name,
                Doc = docs.Member(field),
            });
        }

        return new ContractDocument
        {
            ProtocolVersion = ProtocolInfo.Version,
            Methods = methods,
            Types = records.Values.Select(t => DescribeRecord(t, docs)).ToList(),
            Enums = enums.Values.Select(t => DescribeEnum(t, docs)).ToList(),
            ErrorCodes = typeof(ErrorCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.IsLiteral)
                .Select(f => new ContractErrorCode { Name = f.Name, Code = (int)f.GetRawConstantValue()!, Doc = docs.Member(f) })
                .ToList(),
        };
    }

    /// <summary>The contract as indented JSON, in the wire's naming rules.</summary>
    public static string ToJson(ContractDocument document) =>
        JsonSerializer.Serialize(document, new JsonSerializerOptions(ProtocolJson.Options) { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The properties of a contract record that travel on the wire, in declaration order.</summary>
    public static IEnumerable<PropertyInfo> WireProperties(Type record) =>
        record.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "EqualityContract")
            .OrderBy(p => p.MetadataToken);

    private static void Collect(Type? type, SortedDictionary<string, Type> records, SortedDictionary<string, Type> enums)
    {
        if (type is null)
        {
            return;
        }

        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsEnum)
        {
            enums.TryAdd(type.Name, type);
            return;
        }

        if (TypeMapper.ElementType(type) is { } element)
        {
            Collect(element, records, enums);
            return;
        }

        if (TypeMapper.IsPrimitive(type) || records.ContainsKey(type.Name))
        {
            return;
        }

        records.Add(type.Name, type);
        foreach (var property in WireProperties(type).Where(p => !IsSpread(p)))
        {
            Collect(property.PropertyType, records, enums);
        }
    }

    private static ContractType DescribeRecord(Type type, XmlDocs docs)
    {
        var nullability = new NullabilityInfoContext();
        return new ContractType
        {
            Name = type.Name,
            Doc = docs.Type(type),
            Fields = WireProperties(type).Select(p => IsSpread(p) ? SpreadField(p, docs) : new ContractField
            {
                Name = JsonNamingPolicy.CamelCase.ConvertName(p.Name),
                Type = TypeMapper.ToTypeScript(p.PropertyType, nullability.Create(p)),
                Optional = p.GetCustomAttribute<System.Runtime.CompilerServices.RequiredMemberAttribute>() is null,
                Nullable = Nullable.GetUnderlyingType(p.PropertyType) is not null || nullability.Create(p).ReadState == NullabilityState.Nullable,
                Doc = docs.Member(p),
            }).ToList(),
        };
    }

    private static bool IsSpread(PropertyInfo property) => property.GetCustomAttribute<System.Text.Json.Serialization.JsonExtensionDataAttribute>() is not null;

    // Only a string-keyed bag of JSON values may be spread: its values are whatever JSON the sender puts there.
    private static ContractField SpreadField(PropertyInfo property, XmlDocs docs) => property.PropertyType == typeof(Dictionary<string, JsonElement>)
        ? new ContractField { Name = JsonNamingPolicy.CamelCase.ConvertName(property.Name), Type = "unknown", Optional = true, Nullable = false, Doc = docs.Member(property), Spread = true }
        : throw new InvalidOperationException($"{property.DeclaringType?.Name}.{property.Name}: [JsonExtensionData] properties in the contract must be Dictionary<string, JsonElement>.");

    private static ContractEnum DescribeEnum(Type type, XmlDocs docs) => new()
    {
        Name = type.Name,
        Doc = docs.Type(type),
        Values = Enum.GetNames(type).Select(JsonNamingPolicy.CamelCase.ConvertName).ToList(),
    };
}
