namespace Kubelink.Protocol;

/// <summary>
/// Every error code that crosses the wire. The extension branches on these numbers (never on message text)
/// to choose the next step it offers. JSON-RPC reserves -32768..-32000; Kubelink's own codes start at 1000.
/// </summary>
public static class ErrorCodes
{
    /// <summary>JSON-RPC: the frame was not valid JSON.</summary>
    public const int ParseError = -32700;

    /// <summary>JSON-RPC: the message was not a valid request object.</summary>
    public const int InvalidRequest = -32600;

    /// <summary>JSON-RPC: no such method.</summary>
    public const int MethodNotFound = -32601;

    /// <summary>JSON-RPC: params missing or of the wrong shape.</summary>
    public const int InvalidParams = -32602;

    /// <summary>JSON-RPC: an unexpected failure inside the sidecar; the message says where to look (the log).</summary>
    public const int InternalError = -32603;

    /// <summary>A request other than <c>initialize</c> arrived before <c>initialize</c> succeeded.</summary>
    public const int ServerNotInitialized = -32002;

    /// <summary>The client speaks a protocol version this sidecar does not.</summary>
    public const int ProtocolMismatch = 1000;

    /// <summary>The sidecar is shutting down and accepts no new work.</summary>
    public const int ShuttingDown = 1001;

    /// <summary>A setting passed by the client is invalid; the message names the setting.</summary>
    public const int InvalidSettings = 1002;
}
