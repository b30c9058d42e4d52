using System.Text;
using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Http;

/// <summary>
/// The opaque <c>continue</c> token: base64 of the list's resource version and the key to resume after,
/// shaped like the real server's (<c>{"v":"meta.k8s.io/v1","rv":N,"start":"ns/name"}</c>).
/// </summary>
internal static class ContinueToken
{
    public static string Encode(long resourceVersion, string afterKey)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = resourceVersion, ["start"] = afterKey };
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json.ToJsonString())).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static (long ResourceVersion, string AfterKey) Decode(string token)
    {
        try
        {
            var base64 = token.Replace('-', '+').Replace('_', '/');
            base64 = base64.PadRight(base64.Length + ((4 - (base64.Length % 4)) % 4), '=');
            var json = JsonNode.Parse(Convert.FromBase64String(base64))!;
            return (json["rv"]!.GetValue<long>(), json["start"]!.GetValue<string>());
        }
        catch (Exception ex) when (ex is FormatException or System.Text.Json.JsonException or InvalidOperationException or NullReferenceException)
        {
            throw ApiException.BadRequest($"continue key is not valid: {ex.Message}");
        }
    }
}
