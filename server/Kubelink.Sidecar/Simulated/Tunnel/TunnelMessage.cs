namespace Kubelink.Sidecar.Simulated.Tunnel;

/// <summary>remotedialer message types (rancher/remotedialer v0.6.1). Unknown values are ignored by receivers.</summary>
internal enum MessageType
{
    Data = 1,
    Connect = 2,
    Error = 3,
    AddClient = 4,
    RemoveClient = 5,
    Pause = 6,
    Resume = 7,
    SyncConnections = 8,
}

/// <summary>
/// One remotedialer message, which is exactly one WebSocket binary message. <see cref="Id"/> only serves the peer's logs;
/// <see cref="ConnId"/> names the multiplexed connection (0 for session-wide messages such as SyncConnections).
/// </summary>
internal sealed record TunnelMessage(long Id, long ConnId, MessageType Type, ReadOnlyMemory<byte> Payload)
{
    /// <summary>The legacy deadline field Data and Connect carry: always written as 15000, ignored on read.</summary>
    public const long LegacyDeadline = 15_000;

    /// <summary>The Error text peers treat as a graceful close.</summary>
    public const string Eof = "EOF";

    public static bool HasDeadline(MessageType type) => type is MessageType.Data or MessageType.Connect;

    public string PayloadText => System.Text.Encoding.UTF8.GetString(Payload.Span);
}

/// <summary>A frame that breaks the format: the session must end (Rancher ends it too).</summary>
internal sealed class TunnelProtocolException(string message) : Exception(message);
