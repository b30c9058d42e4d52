using System.Text;
using System.Text.Json;

namespace Kubelink.Sidecar.Tests.TestSupport;

/// <summary>A strict reader of LSP framing: anything that is not a well-formed frame fails the test.</summary>
public static class Frames
{
    public static IReadOnlyList<JsonElement> Parse(byte[] bytes)
    {
        var frames = new List<JsonElement>();
        var position = 0;
        while (position < bytes.Length)
        {
            var headerEnd = IndexOf(bytes, "\r\n\r\n"u8.ToArray(), position);
            Assert.True(headerEnd >= 0, $"bytes after the last frame are not a header: '{Encoding.UTF8.GetString(bytes, position, bytes.Length - position)}'");
            var header = Encoding.ASCII.GetString(bytes, position, headerEnd - position);
            Assert.StartsWith("Content-Length: ", header);
            var length = int.Parse(header["Content-Length: ".Length..].Split("\r\n")[0], System.Globalization.CultureInfo.InvariantCulture);
            var bodyStart = headerEnd + 4;
            Assert.True(bodyStart + length <= bytes.Length, "a frame is cut short");
            frames.Add(JsonDocument.Parse(bytes.AsMemory(bodyStart, length)).RootElement.Clone());
            position = bodyStart + length;
        }

        return frames;
    }

    private static int IndexOf(byte[] haystack, byte[] needle, int start)
    {
        for (var i = start; i <= haystack.Length - needle.Length; i++)
        {
            if (haystack.AsSpan(i, needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        return -1;
    }
}
