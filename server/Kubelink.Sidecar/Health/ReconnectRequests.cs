using Kubelink.Protocol.Clusters;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// The <c>cluster/reconnect</c> calls waiting for a monitor's next probe or attempt. Once the monitor has stopped, a call
/// is answered at once with the last health: nothing would ever answer it otherwise.
/// </summary>
internal sealed class ReconnectRequests
{
    private readonly List<TaskCompletionSource<ClusterHealth>> _waiting = [];
    private bool _stopped;

    /// <summary>A new waiter; null when the monitor has stopped (the caller answers with the current health).</summary>
    public Task<ClusterHealth>? Add()
    {
        var answer = new TaskCompletionSource<ClusterHealth>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiting)
        {
            if (_stopped)
            {
                return null;
            }

            _waiting.Add(answer);
        }

        return answer.Task;
    }

    public void Answer(ClusterHealth health)
    {
        List<TaskCompletionSource<ClusterHealth>> answered;
        lock (_waiting)
        {
            answered = [.. _waiting];
            _waiting.Clear();
        }

        answered.ForEach(w => w.TrySetResult(health));
    }

    /// <summary>The monitor's loop has ended: answers everyone and refuses to wait from now on.</summary>
    public void Stop(ClusterHealth health)
    {
        lock (_waiting)
        {
            _stopped = true;
        }

        Answer(health);
    }
}
