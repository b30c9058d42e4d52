using System.Text.RegularExpressions;
using Kubelink.Protocol;
using Kubelink.Protocol.Contract;

namespace Kubelink.Sidecar.Tests.Contract;

/// <summary>The rules written at the top of <see cref="Methods"/>, checked by reflection so they cannot rot.</summary>
public sealed partial class ContractRulesTests
{
    private static readonly ContractDocument Document = ContractDescriber.Describe();

    [Fact]
    public void MethodNames_AreAreaSlashVerbInLowerCamelCase_AndUnique()
    {
        foreach (var method in Document.Methods)
        {
            Assert.Matches(MethodName(), method.Name);
        }

        Assert.Equal(Document.Methods.Count, Document.Methods.Select(m => m.Name).Distinct().Count());
    }

    [Fact]
    public void EveryRecord_IsSealed_WithInitOnlyProperties()
    {
        foreach (var type in ContractTypes())
        {
            Assert.True(type.IsSealed, $"{type.Name} must be sealed");
            foreach (var property in ContractDescriber.WireProperties(type))
            {
                var setter = property.SetMethod;
                Assert.True(setter is not null && setter.ReturnParameter.GetRequiredCustomModifiers().Contains(typeof(System.Runtime.CompilerServices.IsExternalInit)),
                    $"{type.Name}.{property.Name} must be init-only");
            }
        }
    }

    [Fact]
    public void EveryMethodTypeAndField_HasADocComment()
    {
        Assert.All(Document.Methods, m => Assert.False(string.IsNullOrWhiteSpace(m.Doc), $"method {m.Name} has no doc comment"));
        Assert.All(Document.Types, t => Assert.False(string.IsNullOrWhiteSpace(t.Doc), $"type {t.Name} has no doc comment"));
        Assert.All(Document.Types.SelectMany(t => t.Fields.Select(f => (t, f))),
            x => Assert.False(string.IsNullOrWhiteSpace(x.f.Doc), $"field {x.t.Name}.{x.f.Name} has no doc comment"));
    }

    [Fact]
    public void ErrorCodes_AreUnique()
    {
        Assert.Equal(Document.ErrorCodes.Count, Document.ErrorCodes.Select(c => c.Code).Distinct().Count());
    }

    [Fact]
    public void EveryRecordInTheProtocolAssembly_IsReachableFromAMethod()
    {
        // A record nobody sends is either dead or a method someone forgot to declare.
        var reachable = Document.Types.Select(t => t.Name).ToHashSet();
        foreach (var type in ContractTypes())
        {
            Assert.Contains(type.Name, reachable);
        }
    }

    internal static IEnumerable<Type> ContractTypes() =>
        typeof(Methods).Assembly.GetTypes().Where(t =>
            t.IsClass && t.IsPublic && t.GetMethod("<Clone>$") is not null && !t.Namespace!.EndsWith(".Contract", StringComparison.Ordinal));

    [GeneratedRegex("^[a-z][a-zA-Z]*(/[a-z][a-zA-Z]*)?$")]
    private static partial Regex MethodName();
}
