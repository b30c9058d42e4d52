using System.Buffers.Binary;

namespace Kubelink.Sidecar.Simulated.Tunnel;

/// <summary>
/// The remotedialer binary format: signed zigzag varints (Go's <c>binary.PutVarint</c>) for id, connID and type, the
/// legacy deadline for Data and Connect, then the payload. Written from the protocol facts in docs/simulated-clusters.md.
/// </summary>
internal static class TunnelCodec
{
    private const int MaxVarint = 10;

    public static byte[] Encode(TunnelMessage message)
    {
        Span<byte> header = stackalloc byte[4 * MaxVarint];
        var length = PutVarint(header, message.Id);
        length += PutVarint(header[length..], message.ConnId);
        length += PutVarint(header[length..], (long)message.Type);
        if (TunnelMessage.HasDeadline(message.Type))
        {
            length += PutVarint(header[length..], TunnelMessage.LegacyDeadline);
        }
        var bytes = new byte[length + message.Payload.Length];
        header[..length].CopyTo(bytes);
        message.Payload.Span.CopyTo(bytes.AsSpan(length));
        return bytes;
    }

    public static TunnelMessage Decode(ReadOnlyMemory<byte> bytes)
    {
        var span = bytes.Span;
        var offset = 0;
        var id = ReadVarint(span, ref offset);
        var connId = ReadVarint(span, ref offset);
        var type = ReadVarint(span, ref offset);
        if (type is >= 1 and <= 8 && TunnelMessage.HasDeadline((MessageType)type))
        {
            ReadVarint(span, ref offset); // legacy deadline, ignored
        }
        return new TunnelMessage(id, connId, (MessageType)type, bytes[offset..]);
    }

    /// <summary>SyncConnections' payload: the open connIDs ascending, each an 8-byte little-endian uint64.</summary>
    public static byte[] EncodeConnIds(IEnumerable<long> connIds)
    {
        var sorted = connIds.Order().ToArray();
        var bytes = new byte[sorted.Length * 8];
        for (var i = 0; i < sorted.Length; i++)
        {
            BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(i * 8), (ulong)sorted[i]);
        }
        return bytes;
    }

    public static IReadOnlyList<long> DecodeConnIds(ReadOnlySpan<byte> payload)
    {
        if (payload.Length % 8 != 0)
        {
            throw new TunnelProtocolException($"SyncConnections payload of {payload.Length} bytes is not a multiple of 8");
        }
        var ids = new long[payload.Length / 8];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = (long)BinaryPrimitives.ReadUInt64LittleEndian(payload[(i * 8)..]);
        }
        return ids;
    }

    private static int PutVarint(Span<byte> buffer, long value)
    {
        var zigzag = (ulong)value << 1;
        if (value < 0)
        {
            zigzag = ~zigzag;
        }
        var i = 0;
        while (zigzag >= 0x80)
        {
            buffer[i++] = (byte)(zigzag | 0x80);
            zigzag >>= 7;
        }
        buffer[i++] = (byte)zigzag;
        return i;
    }

    private static long ReadVarint(ReadOnlySpan<byte> span, ref int offset)
    {
        ulong result = 0;
        for (var shift = 0; shift < 7 * MaxVarint; shift += 7)
        {
            if (offset >= span.Length)
            {
                throw new TunnelProtocolException("message ends inside its header");
            }
            var b = span[offset++];
            result |= (ulong)(b & 0x7F) << shift;
            if (b < 0x80)
            {
                var value = (long)(result >> 1);
                return (result & 1) != 0 ? ~value : value;
            }
        }
        throw new TunnelProtocolException("varint longer than 10 bytes");
    }
}
