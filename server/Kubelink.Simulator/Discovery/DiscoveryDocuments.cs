using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Discovery;

/// <summary>
/// The discovery documents: legacy (<c>APIVersions</c>, <c>APIGroupList</c>, <c>APIGroup</c>,
/// <c>APIResourceList</c>) and aggregated (<c>apidiscovery.k8s.io/v2 APIGroupDiscoveryList</c>).
/// </summary>
internal sealed class DiscoveryDocuments(ResourceRegistry registry)
{
    public JsonObject ApiVersions() => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject
        {
            ["clientCIDR"] = "0.0.0.0/0",
            ["serverAddress"] = "127.0.0.1:6443",
        }),
    };

    public JsonObject GroupList() => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(registry.Groups().Select(g => (JsonNode?)Group(g.Group, g.Versions)).ToArray()),
    };

    public JsonObject? Group(string name)
    {
        var match = registry.Groups().FirstOrDefault(g => g.Group == name);
        if (match.Group is null)
        {
            return null;
        }
        var group = Group(match.Group, match.Versions);
        group["apiVersion"] = "v1";
        group["kind"] = "APIGroup";
        return group;
    }

    public JsonObject? ResourceList(string group, string version)
    {
        var types = registry.ForGroupVersion(group, version);
        if (types.Count == 0)
        {
            return null;
        }
        var resources = new JsonArray();
        foreach (var type in types)
        {
            resources.Add(Resource(type.Plural, type, type.Verbs));
            foreach (var sub in type.Subresources)
            {
                var entry = new JsonObject
                {
                    ["name"] = type.Plural + "/" + sub,
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                };
                if (sub == "scale")
                {
                    entry["group"] = "autoscaling";
                    entry["version"] = "v1";
                }
                entry["kind"] = sub switch { "log" => "Pod", "scale" => "Scale", _ => type.Kind };
                entry["verbs"] = Strings(BuiltInResources.SubresourceVerbs(sub));
                resources.Add(entry);
            }
        }
        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : group + "/" + version,
            ["resources"] = resources,
        };
    }

    /// <summary>Aggregated discovery for <c>/api</c> (core only) or <c>/apis</c> (every named group).</summary>
    public JsonObject Aggregated(bool core, string apiVersion)
    {
        var items = new JsonArray();
        var groups = core
            ? [("", (IReadOnlyList<string>)["v1"])]
            : registry.Groups();
        foreach (var (group, versions) in groups)
        {
            var versionList = new JsonArray();
            foreach (var version in versions)
            {
                var resources = new JsonArray(registry.ForGroupVersion(group, version).Select(t => (JsonNode?)AggregatedResource(t)).ToArray());
                versionList.Add(new JsonObject { ["version"] = version, ["resources"] = resources, ["freshness"] = "Current" });
            }
            items.Add(new JsonObject
            {
                ["metadata"] = new JsonObject { ["name"] = group, ["creationTimestamp"] = null },
                ["versions"] = versionList,
            });
        }
        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = apiVersion,
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    private static JsonObject AggregatedResource(ResourceType type)
    {
        var resource = new JsonObject
        {
            ["resource"] = type.Plural,
            ["responseKind"] = Gvk(type),
            ["scope"] = type.Namespaced ? "Namespaced" : "Cluster",
            ["singularResource"] = type.Singular,
            ["verbs"] = Strings(type.Verbs),
        };
        if (type.ShortNames.Count > 0)
        {
            resource["shortNames"] = Strings(type.ShortNames);
        }
        if (type.Categories.Count > 0)
        {
            resource["categories"] = Strings(type.Categories);
        }
        if (type.Subresources.Count > 0)
        {
            resource["subresources"] = new JsonArray(type.Subresources.Select(sub => (JsonNode?)new JsonObject
            {
                ["subresource"] = sub,
                ["responseKind"] = sub switch
                {
                    "log" => new JsonObject { ["group"] = "", ["version"] = "", ["kind"] = "" },
                    "scale" => new JsonObject { ["group"] = "autoscaling", ["version"] = "v1", ["kind"] = "Scale" },
                    _ => Gvk(type),
                },
                ["verbs"] = Strings(BuiltInResources.SubresourceVerbs(sub)),
            }).ToArray());
        }
        return resource;
    }

    private static JsonObject Resource(string name, ResourceType type, IReadOnlyList<string> verbs)
    {
        var resource = new JsonObject
        {
            ["name"] = name,
            ["singularName"] = type.Singular,
            ["namespaced"] = type.Namespaced,
            ["kind"] = type.Kind,
            ["verbs"] = Strings(verbs),
        };
        if (type.ShortNames.Count > 0)
        {
            resource["shortNames"] = Strings(type.ShortNames);
        }
        if (type.Categories.Count > 0)
        {
            resource["categories"] = Strings(type.Categories);
        }
        return resource;
    }

    private static JsonObject Group(string name, IReadOnlyList<string> versions)
    {
        var list = new JsonArray(versions.Select(v => (JsonNode?)GroupVersion(name, v)).ToArray());
        return new JsonObject
        {
            ["name"] = name,
            ["versions"] = list,
            ["preferredVersion"] = GroupVersion(name, versions[0]),
        };
    }

    private static JsonObject GroupVersion(string group, string version) =>
        new() { ["groupVersion"] = group + "/" + version, ["version"] = version };

    private static JsonObject Gvk(ResourceType type) =>
        new() { ["group"] = type.Group, ["version"] = type.Version, ["kind"] = type.Kind };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode?)v).ToArray());
}
