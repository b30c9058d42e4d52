using System.Diagnostics;
using System.Net.Http.Headers;

namespace Kubelink.Bench;

/// <summary>
/// B4's baseline: what Headlamp and uds-runtime do, a GET /version every interval with a timeout, over one keep-alive
/// client, nothing else. It knows the cluster is down when a poll fails and up when one succeeds.
/// </summary>
internal sealed class FixedIntervalPoller : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private TaskCompletionSource<long>? _waiter;
    private bool _wanted;

    public FixedIntervalPoller(Uri server, string token, TimeSpan interval, TimeSpan timeout)
    {
        _interval = interval;
        _http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator })
        {
            BaseAddress = server,
            Timeout = timeout,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>The Stopwatch timestamp of the first poll, finished from now on, whose outcome is <paramref name="healthy"/>.</summary>
    public Task<long> NextAsync(bool healthy)
    {
        var waiter = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_stop)
        {
            (_waiter, _wanted) = (waiter, healthy);
        }

        return waiter.Task;
    }

    private async Task LoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            bool healthy;
            try
            {
                using var response = await _http.GetAsync("/version", _stop.Token);
                healthy = response.IsSuccessStatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
            {
                healthy = false;
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var now = Stopwatch.GetTimestamp();
            lock (_stop)
            {
                if (_waiter is { } waiter && _wanted == healthy)
                {
                    waiter.TrySetResult(now);
                    _waiter = null;
                }
            }

            try
            {
                await Task.Delay(_interval, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _http.Dispose();
        _stop.Dispose();
    }
}
