using Kubelink.Protocol;
using Kubelink.Sidecar.Clusters.Upstream;
using Kubelink.Sidecar.Kubeconfig;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.Time.Testing;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Clusters.Upstream;

/// <summary>Issue 11 item 5 and item 3's plugin output: real plugin processes, the time limit driven by a fake clock.</summary>
public sealed class ExecPluginLimitTests
{
    private readonly MarkedProcesses _processes = new();
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task HungPlugin_IsKilledWithItsWholeTree_AtTheTimeLimit_AndTheErrorSaysThePluginDidNotAnswer()
    {
        using var plugin = Plugin("sleep 1000 & wait"); // a shell and its child: a tree of two
        var run = plugin.GetAsync(CancellationToken.None).AsTask();
        await Wait.Until(() => _processes.Alive().Count == 2, "the plugin and its child to run");

        _time.Advance(plugin.TimeLimit + TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<LocalRpcException>(() => Wait.For(run, "the plugin to be stopped"));
        Assert.Equal(ErrorCodes.CredentialPluginFailed, error.ErrorCode);
        Assert.Contains("credential plugin '/bin/sh' did not answer within 60 s and was stopped", error.Message);
        Assert.DoesNotContain("API server", error.Message);
        await Wait.Until(() => _processes.Alive().Count == 0, "the plugin and its child to be killed");
    }

    [Fact]
    public async Task CallersThatGiveUp_OrCallAgain_JoinTheOneRun_AndDisposeKillsIt()
    {
        var plugin = Plugin("exec sleep 1000"); // one process
        using (var impatient = new CancellationTokenSource())
        {
            var first = plugin.GetAsync(impatient.Token).AsTask();
            await Wait.Until(() => _processes.Alive().Count == 1, "the plugin to run");
            impatient.Cancel(); // an API request's 15 s timeout
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => first);
        }

        var retries = Enumerable.Range(0, 5).Select(_ => plugin.GetAsync(CancellationToken.None).AsTask()).ToList();

        Assert.Equal(1, plugin.Runs);
        Assert.Single(_processes.Alive());
        plugin.Dispose(); // the cluster is disconnected
        await Wait.Until(() => _processes.Alive().Count == 0, "the plugin to be killed");
        foreach (var retry in retries)
        {
            Assert.Contains("was stopped", (await Assert.ThrowsAsync<LocalRpcException>(() => Wait.For(retry, "the joined callers"))).Message);
        }
    }

    [Fact]
    public async Task PluginPrinting100MB_IsStoppedAtTheCap_WithAReason()
    {
        using var plugin = Plugin("head -c 100000000 /dev/zero | tr '\\0' x");

        var error = await Assert.ThrowsAsync<LocalRpcException>(() => Wait.For(plugin.GetAsync(CancellationToken.None).AsTask(), "the plugin"));

        Assert.Contains("printed more than 1 MB on stdout and was stopped", error.Message);
        await Wait.Until(() => _processes.Alive().Count == 0, "the plugin to be killed");
    }

    [Fact]
    public async Task PluginPrintingDeeplyNestedJson_IsAClearError()
    {
        using var plugin = Plugin("printf '%100000s' '' | tr ' ' '['");

        var error = await Assert.ThrowsAsync<LocalRpcException>(() => Wait.For(plugin.GetAsync(CancellationToken.None).AsTask(), "the plugin"));

        Assert.Contains("printed something that is not an ExecCredential", error.Message);
        Assert.Contains("depth of 64", error.Message);
    }

    [Fact]
    public async Task ChattyStderr_IsKeptUpToItsCap_AndDoesNotBlockThePlugin()
    {
        using var plugin = Plugin("head -c 10000000 /dev/zero | tr '\\0' e >&2; exit 4");

        var error = await Assert.ThrowsAsync<LocalRpcException>(() => Wait.For(plugin.GetAsync(CancellationToken.None).AsTask(), "the plugin"));

        Assert.Contains("failed (exit code 4): eeee", error.Message);
    }

    private ExecCredentialPlugin Plugin(string script) => new(
        new ExecConfig("/bin/sh", ["-c", script], [new(MarkedProcesses.Variable, _processes.Marker)], "client.authentication.k8s.io/v1", "Never", false),
        "/",
        new ClusterConfig("https://127.0.0.1:6443", null, null, false, null, null),
        new ExecutableLocator("/usr/bin:/bin"),
        _time);
}
