namespace Kubelink.Protocol;

/// <summary>Version facts both sides compare during <c>initialize</c>.</summary>
public static class ProtocolInfo
{
    /// <summary>
    /// Bumped on every change that an older peer could misread: a renamed or removed method or field,
    /// a field that became required. Adding an optional field or a new method does not bump it;
    /// the peer learns about new methods from <see cref="Lifecycle.ServerCapabilities.Methods"/>.
    /// </summary>
    public const int Version = 1;
}
