namespace Kubelink.Protocol.Contract;

/// <summary>Which side sends a message.</summary>
public enum Direction
{
    /// <summary>The extension sends it; the sidecar handles it.</summary>
    ClientToServer,

    /// <summary>The sidecar sends it; the extension handles it.</summary>
    ServerToClient,
}

/// <summary>
/// Marks a method-name constant in <see cref="Methods"/> as a request: one params type (or none) and one result type (or none).
/// The contract describer reads these attributes, so the constant, its shapes and its direction are declared exactly once.
/// </summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class RequestAttribute(Type? paramsType, Type? resultType, Direction direction = Direction.ClientToServer) : Attribute
{
    /// <summary>The params record, or null for a request without params.</summary>
    public Type? ParamsType { get; } = paramsType;

    /// <summary>The result record, or null for a request answered with <c>null</c>.</summary>
    public Type? ResultType { get; } = resultType;

    /// <summary>Who sends the request.</summary>
    public Direction Direction { get; } = direction;
}

/// <summary>Marks a method-name constant in <see cref="Methods"/> as a notification (no answer).</summary>
[AttributeUsage(AttributeTargets.Field)]
public sealed class NotificationAttribute(Type? paramsType, Direction direction = Direction.ServerToClient) : Attribute
{
    /// <summary>The params record, or null for a notification without params.</summary>
    public Type? ParamsType { get; } = paramsType;

    /// <summary>Who sends the notification.</summary>
    public Direction Direction { get; } = direction;
}
