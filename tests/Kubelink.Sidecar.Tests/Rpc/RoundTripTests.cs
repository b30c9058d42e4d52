using Kubelink.Protocol;
using Kubelink.Sidecar.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StreamJsonRpc;

namespace Kubelink.Sidecar.Tests.Rpc;

public sealed class RoundTripTests
{
    [Fact]
    public async Task Initialize_MatchingVersion_AnswersVersionAndCapabilities()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();

        var result = await Wait.For(sidecar.InitializeAsync(), "initialize");

        Assert.Equal(ProtocolInfo.Version, result.ProtocolVersion);
        Assert.Matches(@"^\d+\.\d+\.\d+", result.ServerVersion);
        Assert.Contains(Methods.Initialize, result.Capabilities.Methods);
        Assert.Contains(Methods.Shutdown, result.Capabilities.Methods);
        Assert.Equal(Environment.ProcessId, result.Capabilities.ProcessId);
        Assert.True(Directory.Exists(result.Capabilities.LogDirectory));
    }

    [Fact]
    public async Task Initialize_OtherProtocolVersion_FailsWithProtocolMismatchAndNextStep()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => sidecar.InitializeAsync(ProtocolInfo.Version + 1));

        Assert.Equal(ErrorCodes.ProtocolMismatch, error.ErrorCode);
        Assert.Contains($"protocol {ProtocolInfo.Version + 1}", error.Message);
        Assert.Contains("Reinstall Kubelink", error.Message);
    }

    [Fact]
    public async Task Initialize_Twice_SecondFailsWithInvalidRequest()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();
        await sidecar.InitializeAsync();

        var error = await Assert.ThrowsAsync<RemoteInvocationException>(() => sidecar.InitializeAsync());

        Assert.Equal(ErrorCodes.InvalidRequest, error.ErrorCode);
    }

    [Fact]
    public async Task Initialize_MissingRequiredField_FailsWithInvalidParamsNamingTheField()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();

        // StreamJsonRpc surfaces -32602 as its method-not-found subclass; the code is what the extension branches on.
        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() =>
            sidecar.Client.InvokeWithParameterObjectAsync<object>(Methods.Initialize, new { clientName = "x", protocolVersion = 1 }));

        Assert.Equal(ErrorCodes.InvalidParams, (int)error.ErrorCode);
        Assert.Contains("clientVersion", error.Message);
    }

    [Fact]
    public async Task UnknownMethod_FailsWithMethodNotFound()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();

        var error = await Assert.ThrowsAsync<RemoteMethodNotFoundException>(() =>
            sidecar.Client.InvokeWithParameterObjectAsync<object>("cluster/explode", new { }));

        Assert.Equal(ErrorCodes.MethodNotFound, (int)error.ErrorCode);
    }

    [Fact]
    public async Task MalformedMessage_IsAnsweredWithParseError_AndTheConnectionKeepsServing()
    {
        await using var sidecar = await InMemorySidecar.StartAsync(rawClient: true);

        await sidecar.SendRawAsync("{this is not json");
        var parseError = await Wait.For(sidecar.ReadRawFrameAsync(), "the parse error");
        await sidecar.SendRawAsync("""{"jsonrpc":"2.0","id":7,"method":"initialize","params":{"clientName":"t","clientVersion":"1","protocolVersion":1}}""");
        var answer = await Wait.For(sidecar.ReadRawFrameAsync(), "the initialize answer");

        Assert.Equal(ErrorCodes.ParseError, parseError.GetProperty("error").GetProperty("code").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, parseError.GetProperty("id").ValueKind);
        Assert.Equal(7, answer.GetProperty("id").GetInt32());
        Assert.Equal(ProtocolInfo.Version, answer.GetProperty("result").GetProperty("protocolVersion").GetInt32());
    }

    [Fact]
    public async Task ShutdownThenExit_StopsTheHost()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();
        var lifetime = sidecar.Host.Services.GetRequiredService<IHostApplicationLifetime>();
        await sidecar.InitializeAsync();

        await sidecar.Client.InvokeAsync(Methods.Shutdown);
        await sidecar.Client.NotifyAsync(Methods.Exit);

        await Wait.For(Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping).ContinueWith(_ => { }), "the host to stop");
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
    }

    [Fact]
    public async Task ClientDisconnect_StopsTheHost()
    {
        await using var sidecar = await InMemorySidecar.StartAsync();
        var lifetime = sidecar.Host.Services.GetRequiredService<IHostApplicationLifetime>();

        sidecar.Client.Dispose();

        await Wait.For(Task.Delay(Timeout.Infinite, lifetime.ApplicationStopping).ContinueWith(_ => { }), "the host to stop");
        Assert.True(lifetime.ApplicationStopping.IsCancellationRequested);
    }
}
