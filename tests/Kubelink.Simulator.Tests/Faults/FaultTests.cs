using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;

namespace Kubelink.Simulator.Tests.Faults;

/// <summary>Each fault as a client sees it, exactly as from a real server that fails that way.</summary>
public sealed class FaultTests
{
    [Fact]
    public async Task Refused_connections_fail_with_connection_refused_until_accepted_again_on_the_same_port()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var http = RawApi.Create(sim.Server, sim.Server.AddTokenUser("probe", ["system:masters"]));
        var address = sim.Server.BaseAddress;

        await sim.Server.Faults.RefuseConnectionsAsync();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/version"));
        var socket = Assert.IsType<SocketException>(error.InnerException);
        Assert.Equal(SocketError.ConnectionRefused, socket.SocketErrorCode);

        await sim.Server.Faults.AcceptConnectionsAsync();
        Assert.Equal(address, sim.Server.BaseAddress);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/version")).StatusCode);
    }

    [Fact]
    public async Task Black_hole_accepts_the_connection_and_never_answers_so_the_client_times_out()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        var token = sim.Server.AddTokenUser("probe", ["system:masters"]);
        using var impatient = RawApi.Create(sim.Server, token, TimeSpan.FromSeconds(1));
        sim.Server.Faults.BlackHole = true;
        var timeout = await Assert.ThrowsAsync<TaskCanceledException>(() => impatient.GetAsync("/api"));
        Assert.IsType<TimeoutException>(timeout.InnerException);

        sim.Server.Faults.BlackHole = false;
        // A patient client for the recovery check: a 1 s budget could be spent on a TLS handshake on a busy machine.
        using var http = RawApi.Create(sim.Server, token);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api")).StatusCode);
    }

    [Fact]
    public async Task Injected_server_errors_answer_a_status_then_recover()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var http = RawApi.Create(sim.Server, sim.Server.AddTokenUser("probe", ["system:masters"]));
        sim.Server.Faults.FailRequests(503, count: 2);
        for (var i = 0; i < 2; i++)
        {
            var response = await http.GetAsync("/api/v1/namespaces");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
            var status = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("ServiceUnavailable", status["reason"]!.GetValue<string>());
            Assert.Equal(503, status["code"]!.GetValue<int>());
        }
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/namespaces")).StatusCode);
    }

    [Fact]
    public async Task Dropped_connections_break_an_open_watch_stream_with_an_io_error()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var http = RawApi.Create(sim.Server, sim.Server.AddTokenUser("probe", ["system:masters"]));
        using var response = await http.GetAsync("/api/v1/namespaces?watch=1", HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        var first = JsonNode.Parse((await reader.ReadLineAsync())!)!;
        Assert.Equal("ADDED", first["type"]!.GetValue<string>());

        sim.Server.Faults.DropConnections();
        await Assert.ThrowsAnyAsync<IOException>(async () =>
        {
            while (await Await.Within(reader.ReadLineAsync(), what: "the stream to break") is not null)
            {
            }
        });
    }

    [Fact]
    public async Task Dropping_new_connections_resets_each_connection_until_cleared()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var http = RawApi.Create(sim.Server, sim.Server.AddTokenUser("probe", ["system:masters"]));
        sim.Server.Faults.DropNewConnections = true;
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync("/version"));
        sim.Server.Faults.DropNewConnections = false;
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/version")).StatusCode);
    }

    [Fact]
    public async Task Expired_credentials_get_401_for_tokens_and_client_certificates()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var restricted = sim.RestrictedClient();
        using var admin = sim.AdminClient();
        Assert.NotEmpty((await restricted.CoreV1.ListNamespacedPodAsync("team-a")).Items);
        Assert.NotEmpty((await admin.CoreV1.ListNodeAsync()).Items);

        sim.Server.Faults.ExpireUser(SimulatorFixture.Restricted);
        sim.Server.Faults.ExpireUser(SimulatorFixture.Admin);
        var token = await Assert.ThrowsAsync<HttpOperationException>(() => restricted.CoreV1.ListNamespacedPodAsync("team-a"));
        Assert.Equal(HttpStatusCode.Unauthorized, token.Response.StatusCode);
        Assert.Contains("\"reason\":\"Unauthorized\"", token.Response.Content);
        using var fresh = sim.AdminClient();
        var cert = await Assert.ThrowsAsync<HttpOperationException>(() => fresh.CoreV1.ListNodeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, cert.Response.StatusCode);
    }

    [Fact]
    public async Task Anonymous_requests_get_401_status()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var http = RawApi.Create(sim.Server, token: null);
        var response = await http.GetAsync("/api/v1/pods");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(
            """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""",
            await response.Content.ReadAsStringAsync());
        using var wrong = RawApi.Create(sim.Server, "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/version")).StatusCode);
    }

    [Fact]
    public async Task Revoked_binding_turns_requests_into_403_and_ends_open_watches()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var http = RawApi.Create(sim.Server, sim.RestrictedToken);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/namespaces/team-a/pods")).StatusCode);
        using var watch = await http.GetAsync("/api/v1/namespaces/team-a/configmaps?watch=true&resourceVersion=" + sim.Server.Store.ResourceVersion,
            HttpCompletionOption.ResponseHeadersRead);
        using var reader = new StreamReader(await watch.Content.ReadAsStreamAsync());
        var ended = reader.ReadToEndAsync();

        Assert.True(sim.Server.Faults.RevokeBinding("team-a", "restricted-view"));
        await Await.Within(ended, what: "the watch to end after the binding was revoked");
        var denied = await http.GetAsync("/api/v1/namespaces/team-a/pods");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains("cannot list resource \\\"pods\\\"", await denied.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/namespaces/team-b/pods")).StatusCode);
    }

    [Fact]
    public async Task Stop_and_restart_keep_state_and_port()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var client = sim.AdminClient();
        var port = sim.Server.Port;
        await client.CoreV1.CreateNamespacedConfigMapAsync(
            new k8s.Models.V1ConfigMap { Metadata = new k8s.Models.V1ObjectMeta { Name = "survivor" } }, "default");
        var before = sim.Server.Store.ResourceVersion;

        await sim.Server.StopAsync();
        Assert.False(sim.Server.IsListening);
        var refused = await Assert.ThrowsAsync<HttpRequestException>(() => client.CoreV1.ListNamespacedConfigMapAsync("default"));
        Assert.Equal(SocketError.ConnectionRefused, Assert.IsType<SocketException>(refused.InnerException).SocketErrorCode);

        await sim.Server.StartAsync();
        Assert.Equal(port, sim.Server.Port);
        var survivor = await client.CoreV1.ReadNamespacedConfigMapAsync("survivor", "default");
        Assert.Equal("survivor", survivor.Metadata.Name);
        var next = await client.CoreV1.CreateNamespacedConfigMapAsync(
            new k8s.Models.V1ConfigMap { Metadata = new k8s.Models.V1ObjectMeta { Name = "after-restart" } }, "default");
        Assert.True(long.Parse(next.Metadata.ResourceVersion) > before);
    }

    [Fact]
    public async Task Added_latency_delays_every_answer()
    {
        await using var sim = await SimulatorFixture.StartAsync();
        using var http = RawApi.Create(sim.Server, sim.Server.AddTokenUser("probe", ["system:masters"]));
        await http.GetAsync("/version");
        sim.Server.Faults.Latency = TimeSpan.FromMilliseconds(300);
        var watch = Stopwatch.StartNew();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/version")).StatusCode);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(290), "the injected delay is a lower bound on the answer time");
    }
}
