using System.Net;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Kubelink.Simulator.Tests.Client;

/// <summary>KubernetesClient (C#), unchanged, against the simulator over HTTPS with the kubeconfigs it writes.</summary>
public sealed class KubernetesClientContractTests(SimulatorFixture sim) : IClassFixture<SimulatorFixture>
{
    [Fact]
    public async Task Admin_lists_pods_in_team_a_with_kind_and_resource_version()
    {
        using var client = sim.AdminClient();
        var pods = await client.CoreV1.ListNamespacedPodAsync("team-a");
        Assert.NotEmpty(pods.Items);
        Assert.All(pods.Items, p => Assert.Equal("team-a", p.Metadata.NamespaceProperty));
        Assert.All(pods.Items, p => Assert.Equal("Running", p.Status.Phase));
        Assert.False(string.IsNullOrEmpty(pods.Metadata.ResourceVersion));
    }

    [Fact]
    public async Task Restricted_user_lists_pods_in_team_a_and_b_but_is_forbidden_elsewhere()
    {
        using var client = sim.RestrictedClient();
        Assert.NotEmpty((await client.CoreV1.ListNamespacedPodAsync("team-a")).Items);
        Assert.NotEmpty((await client.CoreV1.ListNamespacedPodAsync("team-b")).Items);

        var pods = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNamespacedPodAsync("default"));
        Assert.Equal(HttpStatusCode.Forbidden, pods.Response.StatusCode);
        using var status = JsonDocument.Parse(pods.Response.Content);
        Assert.Equal("Status", status.RootElement.GetProperty("kind").GetString());
        Assert.Equal("Forbidden", status.RootElement.GetProperty("reason").GetString());
        Assert.Equal(403, status.RootElement.GetProperty("code").GetInt32());
        Assert.Equal(
            $"pods is forbidden: User \"{SimulatorFixture.Restricted}\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"",
            status.RootElement.GetProperty("message").GetString());
        Assert.Equal("pods", status.RootElement.GetProperty("details").GetProperty("kind").GetString());

        var nodes = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ListNodeAsync());
        Assert.Equal(HttpStatusCode.Forbidden, nodes.Response.StatusCode);
        Assert.Contains("at the cluster scope", nodes.Response.Content);
    }

    [Fact]
    public async Task Self_subject_access_review_answers_for_admin_and_restricted_user()
    {
        using var admin = sim.AdminClient();
        using var restricted = sim.RestrictedClient();
        static V1SelfSubjectAccessReview Review(string verb, string resource, string? ns) => new()
        {
            Spec = new V1SelfSubjectAccessReviewSpec
            {
                ResourceAttributes = new V1ResourceAttributes { Verb = verb, Resource = resource, NamespaceProperty = ns },
            },
        };

        Assert.True((await admin.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(Review("delete", "nodes", null))).Status.Allowed);
        var allowed = await restricted.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(Review("list", "pods", "team-b"));
        Assert.True(allowed.Status.Allowed);
        Assert.Contains("RoleBinding \"restricted-view/team-b\" of ClusterRole \"view\"", allowed.Status.Reason);
        Assert.False((await restricted.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(Review("list", "pods", "default"))).Status.Allowed);
        Assert.False((await restricted.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(Review("get", "secrets", "team-a"))).Status.Allowed);
        Assert.False((await restricted.AuthorizationV1.CreateSelfSubjectAccessReviewAsync(Review("create", "pods", "team-a"))).Status.Allowed);
    }

    [Fact]
    public async Task Self_subject_rules_review_lists_view_rules_for_restricted_and_everything_for_admin()
    {
        using var restricted = sim.RestrictedClient();
        var rules = await restricted.AuthorizationV1.CreateSelfSubjectRulesReviewAsync(
            new V1SelfSubjectRulesReview { Spec = new V1SelfSubjectRulesReviewSpec { NamespaceProperty = "team-a" } });
        Assert.False(rules.Status.Incomplete);
        Assert.Contains(rules.Status.ResourceRules, r => r.Resources?.Contains("pods") == true && r.Verbs.Contains("list"));
        Assert.Contains(rules.Status.ResourceRules, r => r.Resources?.Contains("selfsubjectaccessreviews") == true);
        Assert.DoesNotContain(rules.Status.ResourceRules, r => r.Resources?.Contains("secrets") == true);
        Assert.Contains(rules.Status.NonResourceRules, r => r.NonResourceURLs.Contains("/api"));

        var elsewhere = await restricted.AuthorizationV1.CreateSelfSubjectRulesReviewAsync(
            new V1SelfSubjectRulesReview { Spec = new V1SelfSubjectRulesReviewSpec { NamespaceProperty = "default" } });
        Assert.DoesNotContain(elsewhere.Status.ResourceRules, r => r.Resources?.Contains("pods") == true);

        using var admin = sim.AdminClient();
        var all = await admin.AuthorizationV1.CreateSelfSubjectRulesReviewAsync(
            new V1SelfSubjectRulesReview { Spec = new V1SelfSubjectRulesReviewSpec { NamespaceProperty = "default" } });
        Assert.Contains(all.Status.ResourceRules, r => r.Verbs.Contains("*") && r.Resources?.Contains("*") == true && r.ApiGroups?.Contains("*") == true);
    }

    [Fact]
    public async Task Discovery_documents_describe_the_served_kinds()
    {
        using var client = sim.AdminClient();
        var version = await client.Version.GetCodeAsync();
        Assert.StartsWith("v1.", version.GitVersion);
        Assert.Contains("v1", (await client.Core.GetAPIVersionsAsync()).Versions);
        var groups = await client.Apis.GetAPIVersionsAsync();
        Assert.Contains(groups.Groups, g => g.Name == "apps" && g.PreferredVersion.GroupVersion == "apps/v1");
        Assert.Contains(groups.Groups, g => g.Name == "rbac.authorization.k8s.io");
        var core = await client.CoreV1.GetAPIResourcesAsync();
        var pods = Assert.Single(core.Resources, r => r.Name == "pods");
        Assert.True(pods.Namespaced);
        Assert.Equal("Pod", pods.Kind);
        Assert.Contains("po", pods.ShortNames);
        Assert.Contains("watch", pods.Verbs);
        Assert.Contains(core.Resources, r => r.Name == "nodes/status");
        var nodes = Assert.Single(core.Resources, r => r.Name == "nodes");
        Assert.False(nodes.Namespaced);
        var apps = await client.AppsV1.GetAPIResourcesAsync();
        Assert.Contains(apps.Resources, r => r.Name == "deployments" && r.ShortNames.Contains("deploy"));
    }

    [Fact]
    public async Task Paging_with_limit_and_continue_returns_every_pod_once()
    {
        using var client = sim.AdminClient();
        var all = await client.CoreV1.ListPodForAllNamespacesAsync();
        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await client.CoreV1.ListPodForAllNamespacesAsync(limit: 4, continueParameter: token);
            Assert.True(page.Items.Count <= 4);
            seen.AddRange(page.Items.Select(p => p.Metadata.NamespaceProperty + "/" + p.Metadata.Name));
            token = page.Metadata.ContinueProperty;
            if (token is not null)
            {
                Assert.True(page.Metadata.RemainingItemCount > 0);
            }
            pages++;
        }
        while (!string.IsNullOrEmpty(token));
        Assert.True(pages > 1);
        Assert.Equal(all.Items.Select(p => p.Metadata.NamespaceProperty + "/" + p.Metadata.Name), seen);
    }

    [Fact]
    public async Task Watch_delivers_events_and_resumes_after_a_dropped_connection()
    {
        using var client = sim.AdminClient();
        const string ns = "team-b";
        var list = await client.CoreV1.ListNamespacedConfigMapAsync(ns);
        var seen = new List<(WatchEventType Type, string Name, string Version)>();
        var firstSeen = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        async Task Consume(string fromVersion, Func<string, bool> done)
        {
            try
            {
                await foreach (var (type, cm) in client.CoreV1.WatchListNamespacedConfigMapAsync(ns, resourceVersion: fromVersion))
                {
                    lock (seen)
                    {
                        seen.Add((type, cm.Metadata.Name, cm.Metadata.ResourceVersion));
                    }
                    if (cm.Metadata.Name == "watch-one")
                    {
                        firstSeen.TrySetResult();
                    }
                    if (done(cm.Metadata.Name))
                    {
                        return;
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or HttpRequestException or HttpIOException)
            {
                // The dropped connection surfaces here, as it does with a real API server.
            }
        }

        var first = Consume(list.Metadata.ResourceVersion, _ => false);
        await Await.Until(() => sim.Server.Store.OpenWatches("v1", "ConfigMap") > 0, "the watch is registered");
        sim.Server.Store.Create(ConfigMap(ns, "watch-one"));
        await Await.Within(firstSeen.Task, what: "the ADDED event of watch-one");

        sim.Server.Faults.DropConnections();
        await Await.Within(first, what: "the watch to fail after the connection drop");
        sim.Server.Store.Create(ConfigMap(ns, "watch-two"));

        string resumeFrom;
        lock (seen)
        {
            resumeFrom = seen[^1].Version;
        }
        await Await.Within(Consume(resumeFrom, name => name == "watch-two"), what: "watch-two after reconnecting");
        Assert.Equal([(WatchEventType.Added, "watch-one"), (WatchEventType.Added, "watch-two")], seen.Select(s => (s.Type, s.Name)));
    }

    [Fact]
    public async Task Create_update_conflict_and_delete_follow_api_semantics()
    {
        using var client = sim.AdminClient();
        var created = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "crud" }, Data = new Dictionary<string, string> { ["a"] = "1" } }, "team-a");
        Assert.NotNull(created.Metadata.Uid);
        var again = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.CreateNamespacedConfigMapAsync(created, "team-a"));
        Assert.Equal(HttpStatusCode.Conflict, again.Response.StatusCode);
        Assert.Contains("AlreadyExists", again.Response.Content);

        created.Data["a"] = "2";
        var updated = await client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "crud", "team-a");
        Assert.True(long.Parse(updated.Metadata.ResourceVersion) > long.Parse(created.Metadata.ResourceVersion));
        var stale = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReplaceNamespacedConfigMapAsync(created, "crud", "team-a"));
        Assert.Equal(HttpStatusCode.Conflict, stale.Response.StatusCode);
        Assert.Contains("the object has been modified", stale.Response.Content);

        var patched = await client.CoreV1.PatchNamespacedConfigMapAsync(
            new V1Patch("{\"data\":{\"b\":\"3\"}}", V1Patch.PatchType.MergePatch), "crud", "team-a");
        Assert.Equal("3", patched.Data["b"]);
        Assert.Equal("2", patched.Data["a"]);

        await client.CoreV1.DeleteNamespacedConfigMapAsync("crud", "team-a");
        var missing = await Assert.ThrowsAsync<HttpOperationException>(() => client.CoreV1.ReadNamespacedConfigMapAsync("crud", "team-a"));
        Assert.Equal(HttpStatusCode.NotFound, missing.Response.StatusCode);
        Assert.Contains("configmaps \\\"crud\\\" not found", missing.Response.Content);
    }

    internal static System.Text.Json.Nodes.JsonObject ConfigMap(string ns, string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name, ["namespace"] = ns },
        ["data"] = new System.Text.Json.Nodes.JsonObject { ["k"] = "v" },
    };
}
