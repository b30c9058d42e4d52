using Kubelink.Sidecar.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kubelink.Sidecar.Kubeconfig;

/// <summary>
/// Checks YAML events as YamlDotNet's parser yields them, before its node tree is built, because building and hashing that
/// tree recurse on the input: 200,000 nested '[' overflow the stack, and a key that is an alias of the list holding it
/// (<c>? &amp;k [*k]</c>) makes hashing the key recurse forever. Either kills the process, which no catch can stop. So
/// collections may nest at most <see cref="InputLimits.MaxNestingDepth"/> levels and keys must be plain scalars, as every
/// kubeconfig key is; the violation is a <see cref="YamlException"/> at its line and column, like a syntax error.
/// </summary>
internal sealed class BoundedYamlParser(IParser inner) : IParser
{
    private enum Open
    {
        Sequence,
        MappingAwaitsKey,
        MappingAwaitsValue,
    }

    private readonly Stack<Open> _open = new();

    public ParsingEvent? Current => inner.Current;

    public bool MoveNext()
    {
        if (!inner.MoveNext())
        {
            return false;
        }

        var e = inner.Current!;
        switch (e)
        {
            case MappingStart or SequenceStart:
                RefuseAsKey(e);
                if (_open.Count >= InputLimits.MaxNestingDepth)
                {
                    throw new YamlException(e.Start, e.End, $"lists and maps nest deeper than {InputLimits.MaxNestingDepth} levels (a kubeconfig needs fewer than 10)");
                }

                _open.Push(e is MappingStart ? Open.MappingAwaitsKey : Open.Sequence);
                break;
            case MappingEnd or SequenceEnd:
                _open.Pop();
                NodeDone();
                break;
            case Scalar or AnchorAlias:
                RefuseAsKey(e);
                NodeDone();
                break;
        }

        return true;
    }

    private void RefuseAsKey(ParsingEvent e)
    {
        if (e is not Scalar && _open.TryPeek(out var top) && top == Open.MappingAwaitsKey)
        {
            throw new YamlException(e.Start, e.End, "a key is a list, a map or an alias; kubeconfig keys are plain names");
        }
    }

    /// <summary>A whole node (scalar, alias or closed collection) was read: in a mapping, keys and values alternate.</summary>
    private void NodeDone()
    {
        if (_open.TryPop(out var top))
        {
            _open.Push(top switch
            {
                Open.MappingAwaitsKey => Open.MappingAwaitsValue,
                Open.MappingAwaitsValue => Open.MappingAwaitsKey,
                _ => top,
            });
        }
    }
}
