using System.Text.Json.Nodes;
using Kubelink.Simulator.Auth;
using Kubelink.Simulator.Http;

namespace Kubelink.Simulator.Rbac;

/// <summary>Answers SelfSubjectAccessReview, SelfSubjectRulesReview and SubjectAccessReview from live RBAC.</summary>
internal sealed class AccessReviews(RbacAuthorizer authorizer)
{
    public JsonObject Answer(string kind, UserInfo caller, JsonObject review) => kind switch
    {
        "SelfSubjectAccessReview" => AccessReview(caller, review),
        "SubjectAccessReview" => AccessReview(SubjectOf(review), review),
        "SelfSubjectRulesReview" => RulesReview(caller, review),
        "SelfSubjectReview" => WhoAmI(caller),
        _ => throw ApiException.MethodNotAllowed(),
    };

    private JsonObject AccessReview(UserInfo user, JsonObject review)
    {
        var spec = review["spec"] as JsonObject ?? throw ApiException.Invalid(review["kind"]?.ToString() ?? "", "", "spec: Required value");
        AccessRequest request;
        if (spec["resourceAttributes"] is JsonObject attributes)
        {
            request = new AccessRequest(
                Text(attributes, "verb"), Text(attributes, "group"), Text(attributes, "resource"), Text(attributes, "subresource"),
                Text(attributes, "namespace"), Text(attributes, "name"));
        }
        else if (spec["nonResourceAttributes"] is JsonObject nonResource)
        {
            request = AccessRequest.NonResource(Text(nonResource, "verb"), Text(nonResource, "path"));
        }
        else
        {
            throw ApiException.Invalid(review["kind"]?.ToString() ?? "", "",
                "spec.resourceAttributes: Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified");
        }
        var decision = authorizer.Authorize(user, request);
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0)
        {
            status["reason"] = decision.Reason;
        }
        return Respond(review, status);
    }

    // What `kubectl auth whoami` shows: the identity the server resolved, groups included.
    private static JsonObject WhoAmI(UserInfo user) => new()
    {
        ["kind"] = "SelfSubjectReview",
        ["apiVersion"] = "authentication.k8s.io/v1",
        ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
        ["status"] = new JsonObject
        {
            ["userInfo"] = new JsonObject { ["username"] = user.Name, ["groups"] = Array(user.Groups) },
        },
    };

    private JsonObject RulesReview(UserInfo user, JsonObject review)
    {
        var ns = review["spec"]?["namespace"]?.ToString() ?? "";
        var rules = authorizer.RulesFor(user, ns);
        var status = new JsonObject
        {
            ["resourceRules"] = new JsonArray(rules.ResourceRules.Select(r => (JsonNode?)ResourceRule(r)).ToArray()),
            ["nonResourceRules"] = new JsonArray(rules.NonResourceRules.Select(r => (JsonNode?)NonResourceRule(r)).ToArray()),
            ["incomplete"] = rules.Errors.Count > 0,
        };
        if (rules.Errors.Count > 0)
        {
            status["evaluationError"] = rules.Errors.Count == 1 ? rules.Errors[0] : "[" + string.Join(", ", rules.Errors) + "]";
        }
        return Respond(review, status);
    }

    private static JsonObject ResourceRule(PolicyRule rule)
    {
        var json = new JsonObject
        {
            ["verbs"] = Array(rule.Verbs),
            ["apiGroups"] = Array(rule.ApiGroups),
            ["resources"] = Array(rule.Resources),
        };
        if (rule.ResourceNames.Length > 0)
        {
            json["resourceNames"] = Array(rule.ResourceNames);
        }
        return json;
    }

    private static JsonObject NonResourceRule(PolicyRule rule) => new()
    {
        ["verbs"] = Array(rule.Verbs),
        ["nonResourceURLs"] = Array(rule.NonResourceUrls),
    };

    private static JsonObject Respond(JsonObject review, JsonObject status)
    {
        var response = new JsonObject
        {
            ["kind"] = review["kind"]?.DeepClone(),
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = review["spec"]?.DeepClone() ?? new JsonObject(),
            ["status"] = status,
        };
        return response;
    }

    private static UserInfo SubjectOf(JsonObject review)
    {
        var spec = review["spec"];
        var groups = (spec?["groups"] as JsonArray ?? []).Select(g => g?.ToString() ?? "").ToList();
        return new UserInfo(spec?["user"]?.ToString() ?? "", groups);
    }

    private static string Text(JsonObject obj, string key) => obj[key]?.ToString() ?? "";

    private static JsonArray Array(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
