using System.Collections.Concurrent;
using Microsoft.AspNetCore.Connections;

namespace Kubelink.Simulator.Faults;

/// <summary>
/// Sees every TCP connection before TLS, so faults can cut them the way a network failure does: in-flight
/// requests, idle keep-alive connections and watch streams all end with a reset.
/// </summary>
internal sealed class ConnectionTracker
{
    private readonly ConcurrentDictionary<string, ConnectionContext> _open = new(StringComparer.Ordinal);

    /// <summary>When set, each new connection is closed as soon as it is accepted.</summary>
    public volatile bool DropNew;

    public int OpenCount => _open.Count;

    public ConnectionDelegate Middleware(ConnectionDelegate next) => async connection =>
    {
        if (DropNew)
        {
            connection.Abort(new ConnectionAbortedException("kubelink simulator fault: connection dropped"));
            return;
        }
        _open[connection.ConnectionId] = connection;
        try
        {
            await next(connection);
        }
        finally
        {
            _open.TryRemove(connection.ConnectionId, out _);
        }
    };

    public void DropAll()
    {
        foreach (var connection in _open.Values)
        {
            connection.Abort(new ConnectionAbortedException("kubelink simulator fault: connection dropped"));
        }
    }
}
