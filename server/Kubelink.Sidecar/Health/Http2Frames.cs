using System.Buffers.Binary;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// The few HTTP/2 frames (RFC 9113) a heartbeat connection needs: the client preface with an empty SETTINGS, SETTINGS
/// and PING acknowledgments, and PING itself. All connection-level (stream 0): no request is ever opened.
/// </summary>
internal static class Http2Frames
{
    public const int HeaderLength = 9;
    public const byte Settings = 0x4;
    public const byte Ping = 0x6;
    public const byte GoAway = 0x7;
    public const byte Ack = 0x1;

    /// <summary>The largest frame a peer may send before we say otherwise (SETTINGS_MAX_FRAME_SIZE's initial value).</summary>
    public const int MaxFrameLength = 16_384;

    /// <summary>The client connection preface, then our (empty) SETTINGS frame, which must follow it at once.</summary>
    public static byte[] Preface()
    {
        var magic = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;
        var bytes = new byte[magic.Length + HeaderLength];
        magic.CopyTo(bytes);
        WriteHeader(bytes.AsSpan(magic.Length), 0, Settings, 0);
        return bytes;
    }

    public static byte[] SettingsAck()
    {
        var bytes = new byte[HeaderLength];
        WriteHeader(bytes, 0, Settings, Ack);
        return bytes;
    }

    /// <summary>A PING (or its acknowledgment) carrying 8 opaque bytes.</summary>
    public static byte[] PingFrame(ReadOnlySpan<byte> payload, bool ack)
    {
        var bytes = new byte[HeaderLength + 8];
        WriteHeader(bytes, 8, Ping, ack ? Ack : (byte)0);
        payload[..8].CopyTo(bytes.AsSpan(HeaderLength));
        return bytes;
    }

    public static byte[] PingFrame(long payload, bool ack)
    {
        Span<byte> data = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(data, payload);
        return PingFrame(data, ack);
    }

    /// <summary>Length (24 bits), type and flags of a frame header; the stream id is not needed here.</summary>
    public static (int Length, byte Type, byte Flags) ReadHeader(ReadOnlySpan<byte> header) =>
        ((header[0] << 16) | (header[1] << 8) | header[2], header[3], header[4]);

    private static void WriteHeader(Span<byte> destination, int length, byte type, byte flags)
    {
        destination[0] = (byte)(length >> 16);
        destination[1] = (byte)(length >> 8);
        destination[2] = (byte)length;
        destination[3] = type;
        destination[4] = flags;
        BinaryPrimitives.WriteInt32BigEndian(destination[5..], 0); // stream 0: the connection itself
    }
}
