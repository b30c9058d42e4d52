using System.Text;

namespace Kubelink.Sidecar.Rpc;

/// <summary>
/// The incoming byte stream with a bound on each frame's declared size. StreamJsonRpc's header-delimited handler buffers a
/// whole body before parsing it, however large its <c>Content-Length</c> says it is, so one frame could hold gigabytes of
/// the sidecar's memory. This reads the headers as they pass; a frame over the bound is replaced by a tiny notification
/// that carries the declared size in its method name (<see cref="ShapeCheckedFormatter"/> rejects it with a parse error
/// naming the size, answered in the frame's place in the stream) and its real body is then read and dropped in small chunks, never
/// held. The stream stays in sync and the session goes on, as for any malformed frame.
/// Headers themselves are passed on unchanged: a header the handler cannot read still ends the connection there.
/// </summary>
internal sealed class FrameSizeGuard(Stream source, long maxBodyBytes) : Stream
{
    // Buffered, so the header's byte-at-a-time reads cost no system call each.
    private readonly BufferedStream inner = new(source, 64 * 1024);

    /// <summary>The method of the notification read in place of an oversized frame; the declared size follows it.</summary>
    public const string OversizedMethod = "$/kubelink/oversized/";

    /// <summary>Header blocks are a few dozen bytes; past this the peer is not speaking the protocol and the bytes pass as they are.</summary>
    private const int MaxHeaderBytes = 16 * 1024;

    private readonly MemoryStream _header = new();
    private byte[] _pending = [];
    private int _pendingOffset;
    private long _bodyLeft;
    private long _skipLeft;

    public long MaxBodyBytes => maxBodyBytes;

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            if (_pendingOffset < _pending.Length)
            {
                var n = Math.Min(buffer.Length, _pending.Length - _pendingOffset);
                _pending.AsMemory(_pendingOffset, n).CopyTo(buffer);
                _pendingOffset += n;
                return n;
            }

            if (_skipLeft > 0)
            {
                await SkipAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (_bodyLeft > 0)
            {
                var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _bodyLeft)], cancellationToken).ConfigureAwait(false);
                _bodyLeft -= read;
                return read;
            }

            if (!await ReadHeaderAsync(cancellationToken).ConfigureAwait(false))
            {
                return 0;
            }
        }
    }

    /// <summary>Reads one header block (byte by byte: it is small, and no body byte may be taken with it); false at the end of the stream.</summary>
    private async Task<bool> ReadHeaderAsync(CancellationToken cancellationToken)
    {
        _header.SetLength(0);
        var one = new byte[1];
        while (!EndsWithBlankLine())
        {
            if (await inner.ReadAsync(one, cancellationToken).ConfigureAwait(false) == 0)
            {
                Queue(_header.ToArray());
                return _pending.Length > 0;
            }
            _header.WriteByte(one[0]);
            if (_header.Length > MaxHeaderBytes)
            {
                // Not a header the handler can read either: pass it on and let it end the connection with its own error.
                Queue(_header.ToArray());
                _bodyLeft = long.MaxValue;
                return true;
            }
        }

        var declared = ContentLength(Encoding.ASCII.GetString(_header.GetBuffer(), 0, (int)_header.Length));
        if (declared is { } size && size > maxBodyBytes)
        {
            _skipLeft = size;
            var body = Encoding.ASCII.GetBytes($$"""{"jsonrpc":"2.0","method":"{{OversizedMethod}}{{size}}"}""");
            Queue([.. Encoding.ASCII.GetBytes($"Content-Length: {body.Length}\r\n\r\n"), .. body]);
            return true;
        }

        _bodyLeft = declared ?? 0;
        Queue(_header.ToArray());
        return true;
    }

    private async Task SkipAsync(CancellationToken cancellationToken)
    {
        var scratch = new byte[(int)Math.Min(64 * 1024, _skipLeft)];
        var read = await inner.ReadAsync(scratch, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            _skipLeft = 0;
            return;
        }
        _skipLeft -= read;
    }

    private bool EndsWithBlankLine()
    {
        var length = (int)_header.Length;
        var bytes = _header.GetBuffer();
        return length >= 4 && bytes[length - 4] == '\r' && bytes[length - 3] == '\n' && bytes[length - 2] == '\r' && bytes[length - 1] == '\n';
    }

    /// <summary>The Content-Length value (header names are case-insensitive); null when absent or unreadable (the handler judges those).</summary>
    private static long? ContentLength(string header)
    {
        foreach (var line in header.Split("\r\n"))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0 && line.AsSpan(0, colon).Trim().Equals("Content-Length", StringComparison.OrdinalIgnoreCase)
                && long.TryParse(line.AsSpan(colon + 1).Trim(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }
        }
        return null;
    }

    private void Queue(byte[] bytes)
    {
        _pending = bytes;
        _pendingOffset = 0;
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            _header.Dispose();
        }
        base.Dispose(disposing);
    }
}
