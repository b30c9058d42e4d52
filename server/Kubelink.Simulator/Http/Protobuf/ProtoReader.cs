namespace Kubelink.Simulator.Http.Protobuf;

/// <summary>One field as it appears on the protobuf wire.</summary>
/// <param name="Number">Field number.</param>
/// <param name="Varint">Value of a varint field (wire type 0).</param>
/// <param name="Bytes">Payload of a length-delimited field (wire type 2).</param>
internal readonly record struct WireField(int Number, ulong Varint, ReadOnlyMemory<byte> Bytes);

/// <summary>Reads the protobuf wire format (the subset Kubernetes uses: varints and length-delimited fields).</summary>
internal static class ProtoReader
{
    public static IEnumerable<WireField> Fields(ReadOnlyMemory<byte> message)
    {
        var offset = 0;
        while (offset < message.Length)
        {
            var key = ReadVarint(message.Span, ref offset);
            var number = (int)(key >> 3);
            switch (key & 7)
            {
                case 0:
                    yield return new WireField(number, ReadVarint(message.Span, ref offset), default);
                    break;
                case 1:
                    offset += 8;
                    break;
                case 2:
                    var length = (int)ReadVarint(message.Span, ref offset);
                    if (length < 0 || offset + length > message.Length)
                    {
                        throw Bad("length-delimited field runs past the end of the message");
                    }
                    yield return new WireField(number, 0, message.Slice(offset, length));
                    offset += length;
                    break;
                case 5:
                    offset += 4;
                    break;
                default:
                    throw Bad($"unsupported wire type {key & 7}");
            }
        }
    }

    private static ulong ReadVarint(ReadOnlySpan<byte> data, ref int offset)
    {
        ulong value = 0;
        for (var shift = 0; shift < 64; shift += 7)
        {
            if (offset >= data.Length)
            {
                throw Bad("truncated varint");
            }
            var b = data[offset++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }
        throw Bad("varint too long");
    }

    public static ApiException Bad(string why) => ApiException.BadRequest($"the protobuf body could not be decoded: {why}");
}
