using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Kubelink.Sidecar.Simulated;
using Kubelink.Sidecar.Simulated.Rancher;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;

namespace Kubelink.Sidecar.Tests.Simulated;

/// <summary>An agent in the test process with its embedded main cluster and HTTP API, in a private state folder.</summary>
internal sealed class AgentTestBed : IAsyncDisposable
{
    private readonly TempDir? _ownDir;

    private AgentTestBed(SimulatedAgent agent, AgentHttpApi api, TempDir? ownDir, string stateDir)
    {
        Agent = agent;
        Api = api;
        _ownDir = ownDir;
        StateDir = stateDir;
        Http = new HttpClient { BaseAddress = api.Address };
    }

    public SimulatedAgent Agent { get; }

    public AgentHttpApi Api { get; }

    public HttpClient Http { get; }

    public string StateDir { get; }

    public string MainKubeconfig => Agent.Options.MainKubeconfig ?? Path.Combine(StateDir, "main", "admin.kubeconfig");

    /// <summary>Starts an agent; a given folder is reused (a restart), otherwise a temp one is made and removed at the end.</summary>
    public static async Task<AgentTestBed> StartAsync(string? stateDir = null, TimeProvider? time = null, string? mainKubeconfig = null, RancherSettings? rancher = null)
    {
        var own = stateDir is null ? new TempDir() : null;
        var dir = stateDir ?? own!.Path;
        var agent = new SimulatedAgent(new AgentOptions { StateDir = dir, SetupConcurrency = 2, MainKubeconfig = mainKubeconfig, Rancher = rancher }, time ?? TimeProvider.System, NullLoggerFactory.Instance);
        await agent.StartAsync(CancellationToken.None);
        var api = await AgentHttpApi.StartAsync(agent, 0, null, CancellationToken.None);
        return new AgentTestBed(agent, api, own, dir);
    }

    public async Task<(int Status, JsonObject Body)> PostAsync(string json, string contentType = "application/json")
    {
        using var content = new StringContent(json, Encoding.UTF8, contentType);
        using var response = await Http.PostAsync("/clusters", content);
        return ((int)response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!);
    }

    public async Task<JsonObject> GetAsync(string name) => (await Http.GetFromJsonAsync<JsonObject>($"/clusters/{name}"))!;

    /// <summary>Awaits the state change that makes the cluster ready (or fails the test with its reason).</summary>
    public async Task<SimulatedCluster> ReadyAsync(string name)
    {
        var done = new TaskCompletionSource<SimulatedCluster>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(AgentState state)
        {
            if (state.Clusters.GetValueOrDefault(name) is { Status: ClusterStatus.Ready } ready)
            {
                done.TrySetResult(ready);
            }
            else if (state.Clusters.GetValueOrDefault(name) is { Status: ClusterStatus.Failed } failed)
            {
                done.TrySetException(new InvalidOperationException($"cluster {name} failed: {failed.Reason}"));
            }
        }
        Agent.Keeper.Changed += Check;
        try
        {
            Check(Agent.Keeper.Current);
            return await Wait.For(done.Task, $"cluster {name} ready", TimeSpan.FromSeconds(90));
        }
        finally
        {
            Agent.Keeper.Changed -= Check;
        }
    }

    /// <summary>Awaits the state change after which <paramref name="check"/> holds for the cluster (Rancher states, deletion).</summary>
    public async Task<SimulatedCluster?> UntilAsync(string name, Func<SimulatedCluster?, bool> check, string what)
    {
        var done = new TaskCompletionSource<SimulatedCluster?>(TaskCreationOptions.RunContinuationsAsynchronously);
        void Check(AgentState state)
        {
            var cluster = state.Clusters.GetValueOrDefault(name);
            if (check(cluster))
            {
                done.TrySetResult(cluster);
            }
        }
        Agent.Keeper.Changed += Check;
        try
        {
            Check(Agent.Keeper.Current);
            return await Wait.For(done.Task, what, TimeSpan.FromSeconds(90));
        }
        finally
        {
            Agent.Keeper.Changed -= Check;
        }
    }

    public async Task<SimulatedCluster> CreateReadyAsync(string name, bool readOnly = false, bool tenantScoped = false)
    {
        var (status, body) = await PostAsync(new JsonObject { ["name"] = name, ["readOnly"] = readOnly, ["tenantScoped"] = tenantScoped }.ToJsonString());
        Assert.True(status == 201, body.ToJsonString());
        return await ReadyAsync(name);
    }

    /// <summary>Stops the agent but keeps the state folder (for a restart).</summary>
    public async Task StopAsync()
    {
        Http.Dispose();
        await Api.DisposeAsync();
        await Agent.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _ownDir?.Dispose();
    }
}
