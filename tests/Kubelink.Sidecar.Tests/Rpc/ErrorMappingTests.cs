using Kubelink.Protocol;
using Kubelink.Sidecar.Lifecycle;
using Kubelink.Sidecar.Rpc;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Rpc;

public sealed class ErrorMappingTests
{
    [Fact]
    public async Task KnownError_KeepsItsCodeMessageAndData()
    {
        await using var sidecar = await StartWithProbeAsync();
        await sidecar.InitializeAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => sidecar.Client.InvokeAsync<object>("test/known"));

        Assert.Equal(ErrorCodes.InvalidSettings, error.ErrorCode);
        Assert.Equal("Setting 'kubelink.x' must be a number. Fix it in Settings.", error.Message);
    }

    [Fact]
    public async Task UnexpectedException_BecomesInternalError_WithoutItsMessageOrStack()
    {
        await using var sidecar = await StartWithProbeAsync();
        await sidecar.InitializeAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => sidecar.Client.InvokeAsync<object>("test/bug"));

        Assert.Equal(ErrorCodes.InternalError, error.ErrorCode);
        Assert.Contains("Show Log", error.Message);
        Assert.DoesNotContain(ProbeTarget.Secret, error.Message);
        Assert.DoesNotContain(ProbeTarget.Secret, error.ErrorData?.ToString() ?? "");
    }

    [Fact]
    public async Task CapabilityMethod_BeforeInitialize_FailsWithServerNotInitialized()
    {
        await using var sidecar = await StartWithProbeAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => sidecar.Client.InvokeAsync<object>("test/guarded"));

        Assert.Equal(ErrorCodes.ServerNotInitialized, error.ErrorCode);
    }

    [Fact]
    public async Task CapabilityMethod_AfterShutdown_FailsWithShuttingDown()
    {
        await using var sidecar = await StartWithProbeAsync();
        await sidecar.InitializeAsync();
        await sidecar.Client.InvokeAsync(Methods.Shutdown);

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => sidecar.Client.InvokeAsync<object>("test/guarded"));

        Assert.Equal(ErrorCodes.ShuttingDown, error.ErrorCode);
    }

    [Fact]
    public async Task Capabilities_ListEveryRegisteredMethod()
    {
        await using var sidecar = await StartWithProbeAsync();

        var result = await sidecar.InitializeAsync();

        Assert.Contains("test/known", result.Capabilities.Methods);
        Assert.Contains("test/guarded", result.Capabilities.Methods);
    }

    private static Task<InMemorySidecar> StartWithProbeAsync() =>
        InMemorySidecar.StartAsync(services => services.AddSingleton<IRpcTarget, ProbeTarget>());

    internal sealed class ProbeTarget(SessionState session) : IRpcTarget
    {
        public const string Secret = "token-abc123";

        [JsonRpcMethod("test/known")]
        public object Known() => throw RpcErrors.Create(ErrorCodes.InvalidSettings, "Setting 'kubelink.x' must be a number. Fix it in Settings.");

        [JsonRpcMethod("test/bug")]
        public object Bug() => throw new InvalidOperationException($"boom with {Secret}");

        [JsonRpcMethod("test/guarded")]
        public object Guarded()
        {
            session.EnsureRunning("test/guarded");
            return new { ok = true };
        }
    }
}
