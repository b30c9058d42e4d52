namespace Kubelink.Sidecar.Rpc;

/// <summary>The two byte streams the protocol runs over: the real stdin/stdout in production, a duplex pair in tests.</summary>
internal sealed record WireStreams(Stream Sending, Stream Receiving);
