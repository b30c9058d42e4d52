using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator.Aws;

/// <summary>
/// The simulated EKS REST-JSON API: <c>GET /clusters</c> (paged with <c>maxResults</c> / <c>nextToken</c>, the page
/// size also capped by <see cref="SimulatorOptions.AwsPageSize"/> so tests see several pages) and
/// <c>GET /clusters/{name}</c>. Only clusters of the region the request was signed for are visible, as in AWS.
/// </summary>
internal static class EksApi
{
    public static Task HandleAsync(HttpContext context, AwsSimulator aws, AwsPrincipal caller, string region)
    {
        var path = context.Request.Path.Value!.TrimEnd('/');
        if (!AwsIdentities.MayUseEks(caller))
        {
            var action = path == "/clusters" ? "eks:ListClusters" : "eks:DescribeCluster";
            return AwsErrors.Json(context, 403, "AccessDeniedException", $"User: {caller.Arn} is not authorized to perform: {action} on resource: arn:aws:eks:{region}:{AwsIdentities.Account}:cluster/*");
        }
        if (context.Request.Method != "GET")
        {
            return AwsErrors.Json(context, 400, "InvalidRequestException", "Only ListClusters and DescribeCluster are simulated.");
        }
        var clusters = aws.Clusters.Where(c => c.Region == region).ToList();
        if (path == "/clusters")
        {
            return ListAsync(context, clusters, aws.PageSize);
        }
        var name = Uri.UnescapeDataString(path["/clusters/".Length..]);
        var cluster = clusters.FirstOrDefault(c => c.Name == name);
        return cluster is null
            ? AwsErrors.Json(context, 404, "ResourceNotFoundException", $"No cluster found for name: {name}.")
            : Write(context, new JsonObject { ["cluster"] = cluster.ToJson() });
    }

    private static Task ListAsync(HttpContext context, List<EksCluster> clusters, int pageSize)
    {
        var max = context.Request.Query["maxResults"].ToString();
        var size = 100;
        if (max.Length > 0 && (!int.TryParse(max, out size) || size is < 1 or > 100))
        {
            return AwsErrors.Json(context, 400, "InvalidParameterException", "maxResults must be between 1 and 100.");
        }
        size = Math.Min(size, pageSize);
        var token = context.Request.Query["nextToken"].ToString();
        var start = 0;
        if (token.Length > 0 && !(int.TryParse(token.Replace("page-", "", StringComparison.Ordinal), out start) && start >= 0 && start <= clusters.Count))
        {
            return AwsErrors.Json(context, 400, "InvalidParameterException", "The nextToken is not valid.");
        }
        var page = clusters.Skip(start).Take(size).Select(c => (JsonNode?)c.Name).ToArray();
        var body = new JsonObject { ["clusters"] = new JsonArray(page) };
        if (start + size < clusters.Count)
        {
            body["nextToken"] = $"page-{start + size}";
        }
        return Write(context, body);
    }

    private static Task Write(HttpContext context, JsonObject body)
    {
        context.Response.ContentType = "application/json";
        return context.Response.WriteAsync(body.ToJsonString());
    }
}
