using System.Text.Json;
using Kubelink.Protocol;

namespace Kubelink.Sidecar.Tests.TestSupport;

/// <summary>
/// Every notification the test client received, in order, never consumed by a reader: for waits that must not race
/// the readers of other methods (the Next/Collect readers share one queue and drop what they do not want).
/// </summary>
internal sealed class NotificationHistory
{
    private readonly object _gate = new();
    private readonly List<(string Method, JsonElement Params)> _all = [];
    private readonly List<(string Method, Func<JsonElement, bool> Match, TaskCompletionSource Done)> _waiters = [];

    public void Add(string method, JsonElement payload)
    {
        List<TaskCompletionSource> done;
        lock (_gate)
        {
            _all.Add((method, payload));
            var met = _waiters.Where(w => w.Method == method && w.Match(payload)).ToList();
            _waiters.RemoveAll(met.Contains);
            done = met.ConvertAll(w => w.Done);
        }

        done.ForEach(d => d.TrySetResult());
    }

    public List<T> Of<T>(string method)
    {
        lock (_gate)
        {
            return _all.Where(n => n.Method == method).Select(n => Read<T>(n.Params)).ToList();
        }
    }

    /// <summary>Completes when a notification of <paramref name="method"/> matching <paramref name="match"/> has been received (already, or later).</summary>
    public Task WhenAsync<T>(string method, Func<T, bool> match)
    {
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            if (_all.Any(n => n.Method == method && match(Read<T>(n.Params))))
            {
                return Task.CompletedTask;
            }

            _waiters.Add((method, p => match(Read<T>(p)), done));
        }

        return done.Task;
    }

    private static T Read<T>(JsonElement payload) => payload.Deserialize<T>(ProtocolJson.Options)!;
}
