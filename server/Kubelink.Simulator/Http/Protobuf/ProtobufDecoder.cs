using System.Text;
using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Http.Protobuf;

/// <summary>
/// Turns a Kubernetes protobuf body (<c>k8s\0</c> magic, then a runtime.Unknown envelope with the type and the
/// raw message) into the JSON object it stands for. Zero values are left out, as JSON's omitempty does.
/// </summary>
internal static class ProtobufDecoder
{
    public const string ContentType = "application/vnd.kubernetes.protobuf";

    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    public static JsonObject Decode(ReadOnlyMemory<byte> body)
    {
        if (body.Length < Magic.Length || !body.Span[..Magic.Length].SequenceEqual(Magic))
        {
            throw ProtoReader.Bad("missing the k8s protobuf prefix");
        }
        string apiVersion = "", kind = "";
        ReadOnlyMemory<byte> raw = default;
        foreach (var field in ProtoReader.Fields(body[Magic.Length..]))
        {
            if (field.Number == 1)
            {
                foreach (var typeMeta in ProtoReader.Fields(field.Bytes))
                {
                    if (typeMeta.Number == 1)
                    {
                        apiVersion = Text(typeMeta.Bytes);
                    }
                    else if (typeMeta.Number == 2)
                    {
                        kind = Text(typeMeta.Bytes);
                    }
                }
            }
            else if (field.Number == 2)
            {
                raw = field.Bytes;
            }
        }
        if (ProtoSchemas.Find(kind) is null)
        {
            throw new ApiException(415, "UnsupportedMediaType",
                $"the simulator cannot decode {kind} ({apiVersion}) from protobuf; send it as application/json");
        }
        var message = Message(raw, kind);
        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        foreach (var name in message.Select(p => p.Key).ToList())
        {
            var value = message[name];
            message.Remove(name);
            obj[name] = value;
        }
        return obj;
    }

    private static JsonObject Message(ReadOnlyMemory<byte> data, string type)
    {
        var schema = ProtoSchemas.Find(type) ?? [];
        var result = new JsonObject();
        foreach (var wire in ProtoReader.Fields(data))
        {
            if (!schema.TryGetValue(wire.Number, out var field))
            {
                continue;
            }
            switch (field.Kind)
            {
                case ProtoKind.String when wire.Bytes.Length > 0:
                    result[field.Name] = Text(wire.Bytes);
                    break;
                case ProtoKind.Bytes when wire.Bytes.Length > 0:
                    result[field.Name] = Convert.ToBase64String(wire.Bytes.Span);
                    break;
                case ProtoKind.Int when wire.Varint != 0:
                    result[field.Name] = (long)wire.Varint;
                    break;
                case ProtoKind.Bool when wire.Varint != 0:
                    result[field.Name] = true;
                    break;
                case ProtoKind.Message:
                    var nested = Message(wire.Bytes, field.Message!);
                    if (nested.Count > 0)
                    {
                        result[field.Name] = nested;
                    }
                    break;
                case ProtoKind.StringMap or ProtoKind.BytesMap:
                    var map = result[field.Name] as JsonObject ?? [];
                    var (key, value) = MapEntry(wire.Bytes);
                    map[key] = field.Kind == ProtoKind.StringMap ? Text(value) : Convert.ToBase64String(value.Span);
                    result[field.Name] = map;
                    break;
                case ProtoKind.QuantityMap:
                    // map<string, Quantity>, a Quantity being a message whose field 1 is its string form.
                    var quantities = result[field.Name] as JsonObject ?? [];
                    var (resource, quantity) = MapEntry(wire.Bytes);
                    var (_, amount) = FirstString(quantity);
                    quantities[resource] = amount;
                    result[field.Name] = quantities;
                    break;
                case ProtoKind.IntOrString:
                    result[field.Name] = IntOrString(wire.Bytes);
                    break;
                case ProtoKind.RepeatedString:
                    Append(result, field.Name, Text(wire.Bytes));
                    break;
                case ProtoKind.RepeatedMessage:
                    Append(result, field.Name, Message(wire.Bytes, field.Message!));
                    break;
            }
        }
        return result;
    }

    private static (string Key, ReadOnlyMemory<byte> Value) MapEntry(ReadOnlyMemory<byte> entry)
    {
        var key = "";
        ReadOnlyMemory<byte> value = default;
        foreach (var field in ProtoReader.Fields(entry))
        {
            if (field.Number == 1)
            {
                key = Text(field.Bytes);
            }
            else if (field.Number == 2)
            {
                value = field.Bytes;
            }
        }
        return (key, value);
    }

    // IntOrString: type 0 carries intVal (field 2), type 1 strVal (field 3).
    private static JsonNode IntOrString(ReadOnlyMemory<byte> message)
    {
        ulong kind = 0, number = 0;
        var text = "";
        foreach (var part in ProtoReader.Fields(message))
        {
            switch (part.Number)
            {
                case 1:
                    kind = part.Varint;
                    break;
                case 2:
                    number = part.Varint;
                    break;
                case 3:
                    text = Text(part.Bytes);
                    break;
            }
        }
        return kind == 1 ? JsonValue.Create(text) : JsonValue.Create((long)number);
    }

    private static (int Number, string Value) FirstString(ReadOnlyMemory<byte> message)
    {
        foreach (var field in ProtoReader.Fields(message))
        {
            if (field.Number == 1)
            {
                return (1, Text(field.Bytes));
            }
        }
        return (0, "");
    }

    private static void Append(JsonObject parent, string name, JsonNode value)
    {
        if (parent[name] is not JsonArray list)
        {
            list = [];
            parent[name] = list;
        }
        list.Add(value);
    }

    private static string Text(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);
}
