using System.Text;
using Kubelink.Sidecar.Rpc;

namespace Kubelink.Sidecar.Tests.Rpc;

/// <summary>The incoming stream's bound on a frame's declared size: frames under it pass byte for byte, one over it is replaced.</summary>
public sealed class FrameSizeGuardTests
{
    private static byte[] Frame(string body, string? header = null) =>
        Encoding.ASCII.GetBytes((header ?? $"Content-Length: {Encoding.UTF8.GetByteCount(body)}\r\n") + "\r\n" + body);

    /// <summary>Everything the guard yields, read <paramref name="chunk"/> bytes at a time (1: the handler's worst case).</summary>
    private static async Task<string> ReadAllAsync(byte[] input, long max, int chunk)
    {
        await using var guard = new FrameSizeGuard(new MemoryStream(input), max);
        var output = new MemoryStream();
        var buffer = new byte[chunk];
        int n;
        while ((n = await guard.ReadAsync(buffer)) > 0)
        {
            output.Write(buffer, 0, n);
        }
        return Encoding.ASCII.GetString(output.ToArray());
    }

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(65536)]
    public async Task FramesUnderTheBound_PassUnchanged_WhateverTheReadSize(int chunk)
    {
        var input = Frame("""{"jsonrpc":"2.0","id":1,"method":"catalog/list"}""")
            .Concat(Frame("{}", "content-length: 2\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n"))
            .Concat(Frame("")).ToArray();

        Assert.Equal(Encoding.ASCII.GetString(input), await ReadAllAsync(input, 100, chunk));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4096)]
    public async Task AFrameOverTheBound_IsReplacedByTheOversizedNotice_AndTheNextFrameFollowsIntact(int chunk)
    {
        var big = new string('x', 5000);
        var next = Frame("""{"jsonrpc":"2.0","id":2,"method":"catalog/list"}""");
        var input = Frame("""{"a":1}""").Concat(Frame(big)).Concat(next).ToArray();

        var output = await ReadAllAsync(input, 1000, chunk);

        var notice = $$"""{"jsonrpc":"2.0","method":"{{FrameSizeGuard.OversizedMethod}}5000"}""";
        Assert.Equal(Encoding.ASCII.GetString(Frame("""{"a":1}""")) + Encoding.ASCII.GetString(Frame(notice)) + Encoding.ASCII.GetString(next), output);
        Assert.DoesNotContain("xxx", output);
    }

    [Fact]
    public async Task AHeaderBlockWithoutItsEnd_IsPassedOnAsItIs_ForTheHandlerToRefuse()
    {
        var input = Encoding.ASCII.GetBytes("Content-Length: 5\r\nnot a header and no blank line");

        Assert.Equal(Encoding.ASCII.GetString(input), await ReadAllAsync(input, 100, 3));
    }
}
