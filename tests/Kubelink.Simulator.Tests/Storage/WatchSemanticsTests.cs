using System.Net;
using System.Text.Json.Nodes;

namespace Kubelink.Simulator.Tests.Storage;

/// <summary>Watch and list semantics over HTTP: resource versions, history window, bookmarks, timeouts, selectors.</summary>
public sealed class WatchSemanticsTests
{
    private static async Task<(HttpClient Http, SimulatorFixture Sim)> Start(SimulatorOptions? options = null)
    {
        var sim = await SimulatorFixture.StartAsync(options);
        return (RawApi.Create(sim.Server, sim.Server.AddTokenUser("watcher", ["system:masters"])), sim);
    }

    private static async Task<List<JsonNode>> ReadEvents(HttpClient http, string url, int count)
    {
        using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var events = new List<JsonNode>();
        while (events.Count < count && await Await.Within(reader.ReadLineAsync(), what: $"watch event {events.Count + 1} of {count}") is { } line)
        {
            events.Add(JsonNode.Parse(line)!);
        }
        return events;
    }

    [Fact]
    public async Task Watch_without_version_starts_with_synthetic_added_events_for_current_state()
    {
        var (http, sim) = await Start();
        await using var _ = sim;
        using var __ = http;
        var namespaces = sim.Server.Store.Count("v1", "Namespace");
        var events = await ReadEvents(http, "/api/v1/namespaces?watch=1", namespaces);
        Assert.All(events, e => Assert.Equal("ADDED", e["type"]!.GetValue<string>()));
        Assert.All(events, e => Assert.Equal("Namespace", e["object"]!["kind"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Watch_from_a_version_replays_later_changes_including_modified_and_deleted()
    {
        var (http, sim) = await Start();
        await using var _ = sim;
        using var __ = http;
        var from = sim.Server.Store.ResourceVersion;
        var created = sim.Server.Store.Create(Client.KubernetesClientContractTests.ConfigMap("default", "replayed"));
        created["data"]!["k"] = "changed";
        sim.Server.Store.Update(created);
        sim.Server.Store.Delete("v1", "ConfigMap", "default", "replayed");

        var events = await ReadEvents(http, $"/api/v1/namespaces/default/configmaps?watch=true&resourceVersion={from}", 3);
        Assert.Equal(["ADDED", "MODIFIED", "DELETED"], events.Select(e => e["type"]!.GetValue<string>()));
        var versions = events.Select(e => long.Parse(e["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>())).ToList();
        Assert.Equal(versions.Order(), versions);
        Assert.True(versions.Distinct().Count() == 3);
    }

    [Fact]
    public async Task Watch_from_a_compacted_version_gets_an_error_event_with_410_expired()
    {
        var (http, sim) = await Start(new SimulatorOptions { Namespaces = 0, Nodes = 0, PodsPerNamespace = 0, WatchHistoryLimit = 3 });
        await using var _ = sim;
        using var __ = http;
        var old = sim.Server.Store.ResourceVersion;
        for (var i = 0; i < 6; i++)
        {
            sim.Server.Store.Create(Client.KubernetesClientContractTests.ConfigMap("default", $"churn-{i}"));
        }
        var events = await ReadEvents(http, $"/api/v1/configmaps?watch=1&resourceVersion={old}", 1);
        Assert.Equal("ERROR", events[0]["type"]!.GetValue<string>());
        var status = events[0]["object"]!;
        Assert.Equal("Status", status["kind"]!.GetValue<string>());
        Assert.Equal(410, status["code"]!.GetValue<int>());
        Assert.Equal("Expired", status["reason"]!.GetValue<string>());
        Assert.StartsWith("too old resource version", status["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_continue_token_older_than_the_history_window_answers_410()
    {
        var (http, sim) = await Start(new SimulatorOptions { Namespaces = 0, Nodes = 0, PodsPerNamespace = 0, WatchHistoryLimit = 3 });
        await using var _ = sim;
        using var __ = http;
        for (var i = 0; i < 4; i++)
        {
            sim.Server.Store.Create(Client.KubernetesClientContractTests.ConfigMap("default", $"page-{i}"));
        }
        var first = JsonNode.Parse(await http.GetStringAsync("/api/v1/configmaps?limit=2"))!;
        var token = first["metadata"]!["continue"]!.GetValue<string>();
        Assert.Equal(sim.Server.Store.Count("v1", "ConfigMap") - 2, first["metadata"]!["remainingItemCount"]!.GetValue<int>());
        for (var i = 0; i < 4; i++)
        {
            sim.Server.Store.Create(Client.KubernetesClientContractTests.ConfigMap("default", $"later-{i}"));
        }
        var expired = await http.GetAsync($"/api/v1/configmaps?limit=2&continue={Uri.EscapeDataString(token)}");
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Contains("\"reason\":\"Expired\"", await expired.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Bookmarks_arrive_when_allowed_and_carry_the_current_version()
    {
        var (http, sim) = await Start(new SimulatorOptions { Namespaces = 0, Nodes = 0, PodsPerNamespace = 0, BookmarkInterval = TimeSpan.FromMilliseconds(100) });
        await using var _ = sim;
        using var __ = http;
        var now = sim.Server.Store.ResourceVersion;
        var events = await ReadEvents(http, $"/api/v1/pods?watch=1&allowWatchBookmarks=true&resourceVersion={now}", 1);
        Assert.Equal("BOOKMARK", events[0]["type"]!.GetValue<string>());
        Assert.Equal("Pod", events[0]["object"]!["kind"]!.GetValue<string>());
        Assert.Equal(now.ToString(), events[0]["object"]!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task Watch_ends_after_timeout_seconds()
    {
        var (http, sim) = await Start();
        await using var _ = sim;
        using var __ = http;
        using var response = await http.GetAsync($"/api/v1/pods?watch=1&timeoutSeconds=1&resourceVersion={sim.Server.Store.ResourceVersion}",
            HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("", await Await.Within(response.Content.ReadAsStringAsync(), what: "the server to end the watch"));
    }

    [Fact]
    public async Task Watch_with_label_selector_reports_objects_leaving_the_selection_as_deleted()
    {
        var (http, sim) = await Start();
        await using var _ = sim;
        using var __ = http;
        var from = sim.Server.Store.ResourceVersion;
        var cm = Client.KubernetesClientContractTests.ConfigMap("default", "labelled");
        cm["metadata"]!["labels"] = new JsonObject { ["tier"] = "gold" };
        var stored = sim.Server.Store.Create(cm);
        stored["metadata"]!["labels"]!["tier"] = "bronze";
        sim.Server.Store.Update(stored);
        sim.Server.Store.Create(Client.KubernetesClientContractTests.ConfigMap("default", "unlabelled"));
        var events = await ReadEvents(http, $"/api/v1/configmaps?watch=1&labelSelector=tier%3Dgold&resourceVersion={from}", 2);
        Assert.Equal(["ADDED", "DELETED"], events.Select(e => e["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Field_selectors_filter_pods_by_phase_and_node()
    {
        var (http, sim) = await Start(new SimulatorOptions { Namespaces = 0, Nodes = 2, PodsPerNamespace = 4 });
        await using var _ = sim;
        using var __ = http;
        var all = JsonNode.Parse(await http.GetStringAsync("/api/v1/pods"))!["items"]!.AsArray();
        var onNode = JsonNode.Parse(await http.GetStringAsync("/api/v1/pods?fieldSelector=spec.nodeName%3Dnode-001,status.phase%3DRunning"))!["items"]!.AsArray();
        Assert.NotEmpty(onNode);
        Assert.True(onNode.Count < all.Count);
        Assert.All(onNode, p => Assert.Equal("node-001", p!["spec"]!["nodeName"]!.GetValue<string>()));
        var bad = await http.GetAsync("/api/v1/pods?fieldSelector=spec.unknown%3Dx");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_its_objects()
    {
        var (http, sim) = await Start();
        await using var _ = sim;
        using var __ = http;
        Assert.NotEmpty(sim.Server.Store.List("v1", "Pod", "team-b"));
        var response = await http.DeleteAsync("/api/v1/namespaces/team-b");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Terminating", JsonNode.Parse(await response.Content.ReadAsStringAsync())!["status"]!["phase"]!.GetValue<string>());
        Assert.Empty(sim.Server.Store.List("v1", "Pod", "team-b"));
        Assert.Empty(sim.Server.Store.List("v1", "ConfigMap", "team-b"));
        Assert.Null(sim.Server.Store.Get("v1", "Namespace", null, "team-b"));
        var missing = await http.PostAsync("/api/v1/namespaces/team-b/configmaps",
            new StringContent("""{"metadata":{"name":"x"}}""", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
