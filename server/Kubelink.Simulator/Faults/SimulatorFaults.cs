using Kubelink.Simulator.Http;
using Kubelink.Simulator.Rbac;
using Microsoft.AspNetCore.Http;

namespace Kubelink.Simulator;

/// <summary>
/// Failure injection, each observable by a client as from a real server: latency, dropped connections,
/// refused connections, 5xx answers, a black hole, expired credentials and revoked bindings.
/// </summary>
public sealed class SimulatorFaults
{
    private readonly SimulatorServer _server;
    private readonly object _gate = new();
    private int _failStatus;
    private long _failRemaining;
    private string? _failPath;

    internal SimulatorFaults(SimulatorServer server, TimeSpan latency)
    {
        _server = server;
        Latency = latency;
    }

    /// <summary>Delay added before every request is handled.</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>While set, requests are accepted (TCP and TLS) and never answered; they hang until the client gives up.</summary>
    public bool BlackHole { get; set; }

    /// <summary>While set, every new TCP connection is reset right after it is accepted.</summary>
    public bool DropNewConnections
    {
        get => _server.Connections.DropNew;
        set => _server.Connections.DropNew = value;
    }

    /// <summary>Resets every open connection now: in-flight requests fail and watch streams break mid-stream.</summary>
    public void DropConnections() => _server.Connections.DropAll();

    /// <summary>
    /// Answers the next <paramref name="count"/> requests with <paramref name="statusCode"/> (e.g. 500, 503); only those
    /// whose path is <paramref name="path"/> when one is given (a client's own request, not whatever else is in flight).
    /// </summary>
    public void FailRequests(int statusCode = 503, long count = long.MaxValue, string? path = null)
    {
        lock (_gate)
        {
            (_failStatus, _failRemaining, _failPath) = (statusCode, count, path);
        }
    }

    /// <summary>Stops answering with errors.</summary>
    public void StopFailing() => FailRequests(0, 0);

    /// <summary>Stops listening (connections are refused) while keeping every object; see <see cref="AcceptConnectionsAsync"/>.</summary>
    public Task RefuseConnectionsAsync() => _server.StopAsync();

    /// <summary>Listens again on the same port.</summary>
    public Task AcceptConnectionsAsync(CancellationToken cancellationToken = default) => _server.StartAsync(cancellationToken);

    /// <summary>Every token and certificate of the user is rejected with 401 from now on.</summary>
    public void ExpireUser(string user) => _server.Core.Users.ExpireUser(user);

    /// <summary>Makes one bearer token fail with 401.</summary>
    public void ExpireToken(string token) => _server.Core.Users.ExpireToken(token);

    /// <summary>Accepts an expired user's credentials again.</summary>
    public void RestoreUser(string user) => _server.Core.Users.RestoreUser(user);

    /// <summary>
    /// Deletes a RoleBinding (with a namespace) or ClusterRoleBinding (without). Later requests are denied, and
    /// open watches that relied on it end, so a reconnecting client meets the 403.
    /// </summary>
    public bool RevokeBinding(string? ns, string name)
    {
        var resource = ns is null ? "clusterrolebindings" : "rolebindings";
        var type = _server.Core.Registry.Find(RbacSnapshot.Group, "v1", resource)!;
        try
        {
            _server.Core.Store.Delete(type, ns ?? "", name);
        }
        catch (ApiException ex) when (ex.Code == 404)
        {
            return false;
        }
        _server.Core.ReevaluateWatches();
        return true;
    }

    /// <summary>Clears latency, errors, black hole and connection dropping (expired users stay expired).</summary>
    public void Reset()
    {
        Latency = TimeSpan.Zero;
        BlackHole = false;
        DropNewConnections = false;
        StopFailing();
    }

    /// <summary>Applies request-level faults; false when the request has been answered (or swallowed) by one.</summary>
    internal async Task<bool> BeforeRequestAsync(HttpContext context, CancellationToken stopping)
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, context.RequestAborted);
        }
        if (BlackHole)
        {
            using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            await Task.Delay(Timeout.Infinite, ended.Token).ContinueWith(_ => { }, TaskScheduler.Default);
            context.Abort();
            return false;
        }
        var status = TakeFailure(context.Request.Path.Value);
        if (status == 0)
        {
            return true;
        }
        var reason = status switch
        {
            500 => "InternalError",
            503 => "ServiceUnavailable",
            504 => "Timeout",
            429 => "TooManyRequests",
            _ => "",
        };
        await Responses.Json(context, status, StatusObject.Failure(status, reason, $"kubelink simulator fault: injected HTTP {status}"));
        return false;
    }

    private int TakeFailure(string? path)
    {
        lock (_gate)
        {
            if (_failRemaining <= 0 || (_failPath is not null && path != _failPath))
            {
                return 0;
            }
            _failRemaining--;
            return _failStatus;
        }
    }
}
