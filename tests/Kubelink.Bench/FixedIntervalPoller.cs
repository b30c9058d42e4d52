using System.Diagnostics;
using System.Net.Http.Headers;

namespace Kubelink.Bench;

/// <summary>
/// The baseline of B4: the seed's health check (uds-runtime), a GET on a fixed schedule with a per-request timeout, and
/// nothing else: no watch-triggered probe, no back-off schedule, a fresh attempt only at the next tick.
/// </summary>
internal sealed class FixedIntervalPoller : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private readonly object _gate = new();
    private readonly List<(long Started, long Finished, bool Ok)> _results = [];

    public FixedIntervalPoller(Uri server, string token, TimeSpan interval, TimeSpan timeout)
    {
        _http = new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator })
        {
            BaseAddress = server,
            Timeout = timeout,
        };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        _interval = interval;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Milliseconds from <paramref name="since"/> until a poll that finished after it failed.</summary>
    public Task<double> NextFailureAfter(long since) => WaitForAsync(since, ok: false, startedAfter: false);

    /// <summary>Milliseconds from <paramref name="since"/> until a poll started after it succeeded.</summary>
    public Task<double> NextSuccessAfter(long since) => WaitForAsync(since, ok: true, startedAfter: true);

    private async Task<double> WaitForAsync(long since, bool ok, bool startedAfter)
    {
        while (true)
        {
            lock (_gate)
            {
                foreach (var r in _results)
                {
                    if (r.Ok == ok && r.Finished > since && (!startedAfter || r.Started >= since))
                    {
                        return Stopwatch.GetElapsedTime(since, r.Finished).TotalMilliseconds;
                    }
                }
            }

            await Task.Delay(20, _stop.Token);
        }
    }

    private async Task LoopAsync()
    {
        using var timer = new PeriodicTimer(_interval);
        do
        {
            // Each poll runs on its own so a hanging one does not shift the schedule (the seed's ticker behaves the same).
            _ = PollAsync();
        }
        while (await timer.WaitForNextTickAsync(_stop.Token).ConfigureAwait(false));
    }

    private async Task PollAsync()
    {
        var started = Stopwatch.GetTimestamp();
        bool ok;
        try
        {
            using var response = await _http.GetAsync("readyz", _stop.Token);
            ok = response.IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !_stop.IsCancellationRequested)
        {
            ok = false;
        }

        lock (_gate)
        {
            _results.Add((started, Stopwatch.GetTimestamp(), ok));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
        }

        _http.Dispose();
        _stop.Dispose();
    }
}
