using System.Diagnostics;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// The heartbeat's TCP stream, under TLS, noting when bytes last arrived from the server. Any byte is a sign of life,
/// not only a PING's acknowledgment, and it is noted where the kernel hands it over, before TLS or frame parsing.
/// </summary>
internal sealed class ReceiveStamp(Stream inner) : Stream
{
    private long _last = Stopwatch.GetTimestamp();

    /// <summary>The <see cref="Stopwatch"/> timestamp of the last read that returned bytes (the connect, before any).</summary>
    public long Last => Volatile.Read(ref _last);

    public override int Read(Span<byte> buffer) => Stamp(inner.Read(buffer));

    public override int Read(byte[] buffer, int offset, int count) => Stamp(inner.Read(buffer, offset, count));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Stamp(await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Write(ReadOnlySpan<byte> buffer) => inner.Write(buffer);

    public override void Write(byte[] buffer, int offset, int count) => inner.Write(buffer, offset, count);

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => inner.WriteAsync(buffer, cancellationToken);

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.WriteAsync(buffer, offset, count, cancellationToken);

    public override void Flush() => inner.Flush();

    public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => true;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
        }

        base.Dispose(disposing);
    }

    private int Stamp(int read)
    {
        if (read > 0)
        {
            Volatile.Write(ref _last, Stopwatch.GetTimestamp());
        }

        return read;
    }
}
