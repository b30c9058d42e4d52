using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Kubelink.Sidecar.Tests.TestSupport;

/// <summary>A GraphQL POST as a client sends it (JSON body, optional bearer token): the status and the parsed answer.</summary>
public static class GraphQLPost
{
    public static async Task<(int Status, JsonObject Body)> SendAsync(HttpClient http, string url, string query, string? token, JsonObject? variables = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(new JsonObject { ["query"] = query, ["variables"] = variables }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        using var response = await Wait.For(http.SendAsync(request), "the GraphQL answer");
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject());
    }
}
