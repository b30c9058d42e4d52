using Kubelink.Protocol.Clusters;

namespace Kubelink.Sidecar.Health;

/// <summary>
/// The <c>cluster/reconnect</c> calls waiting for a monitor's next probe or attempt, each bound to the attempt it causes.
/// A request only counts probes and attempts that begin after it arrived: the monitor publishes a notification before it
/// answers, and a request arriving in between must not take that earlier attempt's health (issue 12, item 6). Once the
/// monitor has stopped, a call is answered at once with the last health: nothing would ever answer it otherwise.
/// </summary>
internal sealed class ReconnectRequests(MonitorSignal signal)
{
    private readonly List<(long After, TaskCompletionSource<ClusterHealth> Answer)> _waiting = [];
    private long _begun;
    private long _ended;
    private bool _stopped;

    /// <summary>The monitor's wake-up signal: the requests nudge it and spend its "now" in step with their attempts.</summary>
    public MonitorSignal Signal => signal;

    /// <summary>
    /// A new waiter, with the "now" nudge that makes the loop run its attempt; null when the monitor has stopped (the
    /// caller answers with the current health). Both under the lock that <see cref="Begin"/> takes, so the nudge belongs
    /// to exactly the attempt that will answer the waiter.
    /// </summary>
    public Task<ClusterHealth>? Add()
    {
        var answer = new TaskCompletionSource<ClusterHealth>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_waiting)
        {
            if (_stopped)
            {
                return null;
            }

            _waiting.Add((_begun, answer));
            signal.Nudge(Nudges.Now);
        }

        return answer.Task;
    }

    /// <summary>
    /// A probe or attempt begins: it will answer every waiter added so far, so a "now" nudge they left is spent here
    /// rather than left latched to run another attempt nobody asked for.
    /// </summary>
    public void Begin()
    {
        lock (_waiting)
        {
            _begun++;
            signal.Clear(Nudges.Now);
        }
    }

    /// <summary>The probe or attempt that began last has its result; the next <see cref="Answer"/> carries it.</summary>
    public void End()
    {
        lock (_waiting)
        {
            _ended = _begun;
        }
    }

    /// <summary>Answers the waiters whose attempt has ended with <paramref name="health"/>; later ones keep waiting.</summary>
    public void Answer(ClusterHealth health) => AnswerWhere(w => w.After < _ended, health);

    /// <summary>Answers every waiter: no attempt can run (the entry is gone), so the current health is the answer.</summary>
    public void AnswerAll(ClusterHealth health) => AnswerWhere(_ => true, health);

    /// <summary>The monitor's loop has ended: answers everyone and refuses to wait from now on.</summary>
    public void Stop(ClusterHealth health)
    {
        lock (_waiting)
        {
            _stopped = true;
        }

        AnswerAll(health);
    }

    private void AnswerWhere(Predicate<(long After, TaskCompletionSource<ClusterHealth> Answer)> due, ClusterHealth health)
    {
        List<(long After, TaskCompletionSource<ClusterHealth> Answer)> answered;
        lock (_waiting)
        {
            answered = _waiting.FindAll(due);
            _waiting.RemoveAll(due);
        }

        answered.ForEach(w => w.Answer.TrySetResult(health));
    }
}
