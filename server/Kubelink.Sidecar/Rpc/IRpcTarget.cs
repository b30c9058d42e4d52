namespace Kubelink.Sidecar.Rpc;

/// <summary>
/// A class whose <c>[JsonRpcMethod]</c> methods handle requests. Each capability registers its own targets in DI;
/// the connection adds them all, so a capability never touches the RPC plumbing.
/// </summary>
internal interface IRpcTarget;
