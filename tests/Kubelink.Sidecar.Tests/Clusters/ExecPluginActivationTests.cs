using Kubelink.Protocol;
using Kubelink.Protocol.Clusters;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Clusters;

/// <summary>Issue 11 item 5 through activation: a hung exec plugin is reported as the plugin's fault, stopped, and not piled up by retries.</summary>
public sealed class ExecPluginActivationTests
{
    [Fact]
    public async Task HungPlugin_FailsTheCredentialsStage_NamingThePlugin_AndRetriesStartNoSecondOne()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var processes = new MarkedProcesses();
        await using var bed = await ClusterTestBed.StartAsync(configure: s => s.AddSingleton<TimeProvider>(time));
        await AuthKindTests.WriteVariantAsync(bed, "hung", HostileFiles.ExecUser(processes, "sleep 1000").Trim());
        var id = await bed.IdOfAsync("hung");

        var activation = bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterActivate, new ClusterActivateParams { ClusterId = id });
        await Wait.Until(() => processes.Alive().Count > 0, "the plugin to run");
        var running = processes.Alive().Count;
        var second = bed.Sidecar.Client.InvokeWithParameterObjectAsync<ClusterInfo>(Methods.ClusterActivate, new ClusterActivateParams { ClusterId = id });
        time.Advance(TimeSpan.FromSeconds(61));

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => Wait.For(activation, "the activation to fail"));
        Assert.Equal(ErrorCodes.CredentialPluginFailed, error.ErrorCode);
        Assert.Contains("credential plugin '/bin/sh' did not answer within 60 s and was stopped", error.Message);
        Assert.DoesNotContain("API server", error.Message);
        await Assert.ThrowsAsync<RemoteInvocationException>(() => Wait.For(second, "the joined activation"));
        Assert.True(running <= 2, $"{running} plugin processes for one connect"); // sh, and sleep if sh did not exec it
        await Wait.Until(() => processes.Alive().Count == 0, "the plugin to be killed");

        // A retry within the back-off answers at once with the same error and starts nothing.
        var retry = await Assert.ThrowsAsync<RemoteInvocationException>(() => bed.ActivateAsync("hung"));
        Assert.Contains("did not answer", retry.Message);
        Assert.Empty(processes.Alive());
    }
}
