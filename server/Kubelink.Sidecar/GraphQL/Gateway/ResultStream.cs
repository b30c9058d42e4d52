using System.Threading.Channels;
using GraphQL;

namespace Kubelink.Sidecar.GraphQL.Gateway;

/// <summary>A subscription's results as an async sequence, so SSE and WebSocket loops can await them and stop by cancellation.</summary>
internal static class ResultStream
{
    public static async IAsyncEnumerable<ExecutionResult> ReadAsync(IObservable<ExecutionResult> source, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var channel = Channel.CreateUnbounded<ExecutionResult>(new UnboundedChannelOptions { SingleReader = true });
        using var subscription = source.Subscribe(new Observer(channel.Writer));
        await foreach (var result in channel.Reader.ReadAllAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return result;
        }
    }

    private sealed class Observer(ChannelWriter<ExecutionResult> writer) : IObserver<ExecutionResult>
    {
        public void OnCompleted() => writer.TryComplete();

        public void OnError(Exception error)
        {
            writer.TryWrite(new ExecutionResult { Errors = [error as ExecutionError ?? new ExecutionError(error.Message)] });
            writer.TryComplete();
        }

        public void OnNext(ExecutionResult value) => writer.TryWrite(value);
    }
}
