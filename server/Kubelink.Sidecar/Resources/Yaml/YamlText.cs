using System.Text.Json;
using Kubelink.Sidecar.IO;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Kubelink.Sidecar.Resources.Yaml;

/// <summary>
/// JSON → YAML as <c>kubectl get -o yaml</c> lays it out (block style, sequences not indented under their key), written
/// through YamlDotNet's emitter (already referenced for kubeconfig parsing), which knows when a string cannot be plain
/// (<c>: </c>, <c> #</c>, leading indicators, edge spaces). What the emitter cannot know is the type a reader would give a
/// plain string: that part is <see cref="ScalarTypes"/>. Multi-line strings become <c>|</c> blocks.
/// </summary>
internal static class YamlText
{
    public static string FromJson(JsonElement root)
    {
        using var writer = new StringWriter();
        // No line folding: a read-only document should show each value on one line, as kubectl does.
        var emitter = new Emitter(writer, new EmitterSettings().WithBestWidth(int.MaxValue));
        emitter.Emit(new StreamStart());
        emitter.Emit(new DocumentStart());
        Write(emitter, root, depth: 0);
        emitter.Emit(new DocumentEnd(isImplicit: true));
        emitter.Emit(new StreamEnd());
        return writer.ToString();
    }

    private static void Write(Emitter emitter, JsonElement value, int depth)
    {
        if (depth > InputLimits.MaxNestingDepth && value.ValueKind is JsonValueKind.Object or JsonValueKind.Array)
        {
            // The writer recurses; an object parsed without the default depth bound must not overflow the stack.
            String(emitter, $"(nested deeper than {InputLimits.MaxNestingDepth} levels, not shown)");
            return;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Object:
                var empty = !value.EnumerateObject().Any();
                emitter.Emit(new MappingStart(null, null, isImplicit: true, empty ? MappingStyle.Flow : MappingStyle.Block));
                foreach (var property in value.EnumerateObject())
                {
                    String(emitter, property.Name);
                    Write(emitter, property.Value, depth + 1);
                }

                emitter.Emit(new MappingEnd());
                break;
            case JsonValueKind.Array:
                emitter.Emit(new SequenceStart(null, null, isImplicit: true, value.GetArrayLength() == 0 ? SequenceStyle.Flow : SequenceStyle.Block));
                foreach (var item in value.EnumerateArray())
                {
                    Write(emitter, item, depth + 1);
                }

                emitter.Emit(new SequenceEnd());
                break;
            case JsonValueKind.String:
                String(emitter, value.GetString()!);
                break;
            case JsonValueKind.Number:
                Plain(emitter, value.GetRawText());
                break;
            case JsonValueKind.True:
                Plain(emitter, "true");
                break;
            case JsonValueKind.False:
                Plain(emitter, "false");
                break;
            default:
                Plain(emitter, "null");
                break;
        }
    }

    private static void String(Emitter emitter, string text)
    {
        var style = text.Contains('\n', StringComparison.Ordinal) ? ScalarStyle.Literal
            : ScalarTypes.ReadsAsNonString(text) ? ScalarStyle.DoubleQuoted
            : ScalarStyle.Plain; // the emitter switches to quotes when plain is not allowed
        emitter.Emit(new Scalar(null, null, text, style, isPlainImplicit: true, isQuotedImplicit: true));
    }

    private static void Plain(Emitter emitter, string text) =>
        emitter.Emit(new Scalar(null, null, text, ScalarStyle.Plain, isPlainImplicit: true, isQuotedImplicit: false));
}
