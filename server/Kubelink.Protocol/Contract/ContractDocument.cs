namespace Kubelink.Protocol.Contract;

/// <summary>The whole contract as data: what <c>kubelink-sidecar contract</c> prints and the TypeScript generator reads.</summary>
public sealed record ContractDocument
{
    /// <summary>See <see cref="ProtocolInfo.Version"/>.</summary>
    public required int ProtocolVersion { get; init; }

    /// <summary>Every method, in declaration order.</summary>
    public required IReadOnlyList<ContractMethod> Methods { get; init; }

    /// <summary>Every record reachable from a method, sorted by name.</summary>
    public required IReadOnlyList<ContractType> Types { get; init; }

    /// <summary>Every enum reachable from a method, sorted by name.</summary>
    public required IReadOnlyList<ContractEnum> Enums { get; init; }

    /// <summary>Every error code.</summary>
    public required IReadOnlyList<ContractErrorCode> ErrorCodes { get; init; }
}

/// <summary>One method.</summary>
public sealed record ContractMethod
{
    /// <summary>The wire name, <c>area/verb</c>.</summary>
    public required string Name { get; init; }

    /// <summary>The C# constant's name, used as the TypeScript identifier.</summary>
    public required string Identifier { get; init; }

    /// <summary><c>request</c> or <c>notification</c>.</summary>
    public required string Kind { get; init; }

    /// <summary>Who sends it.</summary>
    public required Direction Direction { get; init; }

    /// <summary>The params type name, or null when there are none.</summary>
    public required string? Params { get; init; }

    /// <summary>The result type name, or null when the answer is <c>null</c> (always null for notifications).</summary>
    public required string? Result { get; init; }

    /// <summary>The doc comment.</summary>
    public required string? Doc { get; init; }
}

/// <summary>One record type.</summary>
public sealed record ContractType
{
    /// <summary>The type's name.</summary>
    public required string Name { get; init; }

    /// <summary>The doc comment.</summary>
    public required string? Doc { get; init; }

    /// <summary>Fields in declaration order.</summary>
    public required IReadOnlyList<ContractField> Fields { get; init; }
}

/// <summary>One field of a record.</summary>
public sealed record ContractField
{
    /// <summary>The wire name (camelCase).</summary>
    public required string Name { get; init; }

    /// <summary>A TypeScript type expression: <c>string</c>, <c>number</c>, <c>boolean</c>, a type name, <c>T[]</c>, <c>Record&lt;string, T&gt;</c>.</summary>
    public required string Type { get; init; }

    /// <summary>True when the sender may leave the field out.</summary>
    public required bool Optional { get; init; }

    /// <summary>True when the value may be <c>null</c>.</summary>
    public required bool Nullable { get; init; }

    /// <summary>The doc comment.</summary>
    public required string? Doc { get; init; }

    /// <summary>True for a <c>[JsonExtensionData]</c> property: its entries are spread into the record (<c>{ name, ...columns }</c>), so TypeScript sees an index signature.</summary>
    public bool Spread { get; init; }
}

/// <summary>One enum, as its camelCase wire strings.</summary>
public sealed record ContractEnum
{
    /// <summary>The enum's name.</summary>
    public required string Name { get; init; }

    /// <summary>The doc comment.</summary>
    public required string? Doc { get; init; }

    /// <summary>The wire values.</summary>
    public required IReadOnlyList<string> Values { get; init; }
}

/// <summary>One error code.</summary>
public sealed record ContractErrorCode
{
    /// <summary>The constant's name.</summary>
    public required string Name { get; init; }

    /// <summary>The number on the wire.</summary>
    public required int Code { get; init; }

    /// <summary>The doc comment.</summary>
    public required string? Doc { get; init; }
}
