namespace Kubelink.Sidecar.Tests.TestSupport;

/// <summary>Awaiting with an upper bound: a hung test fails with a message instead of hanging CI.</summary>
public static class Wait
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    public static async Task<T> For<T>(Task<T> task, string what, TimeSpan? timeout = null)
    {
        try
        {
            return await task.WaitAsync(timeout ?? Default);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out waiting for {what}.");
        }
    }

    public static async Task For(Task task, string what, TimeSpan? timeout = null)
    {
        try
        {
            await task.WaitAsync(timeout ?? Default);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Timed out waiting for {what}.");
        }
    }

    /// <summary>For state that raises no event (the simulator's open-watch count): checked every 20 ms until the bound.</summary>
    public static async Task Until(Func<bool> condition, string what, TimeSpan? timeout = null)
    {
        using var bound = new CancellationTokenSource(timeout ?? Default);
        while (!condition())
        {
            try
            {
                await Task.Delay(20, bound.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }
        }
    }
}
