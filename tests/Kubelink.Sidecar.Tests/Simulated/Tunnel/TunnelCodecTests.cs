using System.Text;
using Kubelink.Sidecar.Simulated.Tunnel;

namespace Kubelink.Sidecar.Tests.Simulated.Tunnel;

/// <summary>The remotedialer binary format against the golden vector of rancher/remotedialer v0.6.1 and its edge cases.</summary>
public sealed class TunnelCodecTests
{
    // Golden vector: Connect with id=1, connID=2 encodes as 02 04 04 B0 EA 01 followed by "tcp/127.0.0.1:6443"
    // (zigzag varints 1→02, 2→04, type 2→04, then the legacy deadline 15000 → B0 EA 01).
    private static readonly byte[] GoldenConnect = [0x02, 0x04, 0x04, 0xB0, 0xEA, 0x01, .. Encoding.ASCII.GetBytes("tcp/127.0.0.1:6443")];

    [Fact]
    public void Encode_Connect_MatchesGoldenVector()
    {
        var bytes = TunnelCodec.Encode(new TunnelMessage(1, 2, MessageType.Connect, Encoding.ASCII.GetBytes("tcp/127.0.0.1:6443")));
        Assert.Equal(GoldenConnect, bytes);
    }

    [Fact]
    public void Decode_GoldenVector_ConnectToAddress()
    {
        var message = TunnelCodec.Decode(GoldenConnect);
        Assert.Equal(1, message.Id);
        Assert.Equal(2, message.ConnId);
        Assert.Equal(MessageType.Connect, message.Type);
        Assert.Equal("tcp/127.0.0.1:6443", message.PayloadText);
    }

    [Theory]
    [InlineData(3, "EOF")]
    [InlineData(6, "")]
    [InlineData(7, "")]
    [InlineData(1, "GET /readyz HTTP/1.1\r\n\r\n")]
    public void RoundTrip_LargeAndNegativeIds_Kept(int typeNumber, string payload)
    {
        var type = (MessageType)typeNumber;
        var message = new TunnelMessage(long.MinValue + 7, 4_611_686_018_427_387_904, type, Encoding.UTF8.GetBytes(payload));
        var back = TunnelCodec.Decode(TunnelCodec.Encode(message));
        Assert.Equal((message.Id, message.ConnId, message.Type, payload), (back.Id, back.ConnId, back.Type, back.PayloadText));
    }

    [Fact]
    public void Encode_ErrorHasNoDeadline()
    {
        Assert.Equal([0x02, 0x06, 0x06, (byte)'E', (byte)'O', (byte)'F'], TunnelCodec.Encode(new TunnelMessage(1, 3, MessageType.Error, "EOF"u8.ToArray())));
    }

    [Fact]
    public void ConnIds_LittleEndianAscending_AndBadLengthRefused()
    {
        var bytes = TunnelCodec.EncodeConnIds([5, 2]);
        Assert.Equal([2, 0, 0, 0, 0, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0], bytes);
        Assert.Equal([2L, 5L], TunnelCodec.DecodeConnIds(bytes));
        Assert.Throws<TunnelProtocolException>(() => TunnelCodec.DecodeConnIds(new byte[12]));
    }

    [Theory]
    [InlineData(new byte[] { 0x02, 0x04 })]
    [InlineData(new byte[] { 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF })]
    public void Decode_Garbage_ProtocolError(byte[] garbage)
    {
        Assert.Throws<TunnelProtocolException>(() => TunnelCodec.Decode(garbage));
    }
}
