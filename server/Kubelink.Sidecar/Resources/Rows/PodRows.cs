using System.Globalization;
using System.Text.Json;

namespace Kubelink.Sidecar.Resources.Rows;

/// <summary>
/// Pods as <c>kubectl get pods -o wide</c> shows them. The status is kubectl's (printPod), not the bare phase: a pod whose
/// phase is Running but whose container waits in CrashLoopBackOff must read CrashLoopBackOff, or the view hides the problem.
/// </summary>
internal static class PodRows
{
    public static readonly RowKind Kind = new(
        [RowKind.Column("phase", "Status"), RowKind.Column("ready", "Ready"), RowKind.Column("restarts", "Restarts"), RowKind.Column("node", "Node")],
        item =>
        {
            var (status, ready, restarts) = Describe(item);
            var total = item.Items("spec", "containers").Count();
            return
            [
                ("phase", status),
                ("ready", string.Create(CultureInfo.InvariantCulture, $"{ready}/{total}")),
                ("restarts", restarts),
                ("node", item.String("spec", "nodeName") ?? ""),
            ];
        });

    private static (string Status, int Ready, long Restarts) Describe(JsonElement pod)
    {
        var reason = pod.String("status", "reason") is { Length: > 0 } podReason ? podReason : pod.String("status", "phase") ?? "Unknown";
        var (initializing, initReason, restarts) = InitStatus(pod);
        var ready = 0;
        if (initializing)
        {
            reason = initReason!;
        }
        else
        {
            restarts = 0;
            var hasRunning = false;
            // kubectl walks the containers backwards so the first container's state wins.
            foreach (var container in pod.Items("status", "containerStatuses").Reverse())
            {
                restarts += container.Number("restartCount") ?? 0;
                if (container.String("state", "waiting", "reason") is { Length: > 0 } waiting)
                {
                    reason = waiting;
                }
                else if (container.Path("state", "terminated") is { } terminated)
                {
                    reason = Terminated(terminated, "");
                }
                else if (container.Flag("ready") && container.Path("state", "running") is not null)
                {
                    hasRunning = true;
                    ready++;
                }
            }

            if (reason == "Completed" && hasRunning)
            {
                reason = HasCondition(pod, "Ready") ? "Running" : "NotReady";
            }
        }

        if (pod.String("metadata", "deletionTimestamp") is not null)
        {
            reason = pod.String("status", "reason") == "NodeLost" ? "Unknown" : "Terminating";
        }

        return (reason, ready, restarts);
    }

    /// <summary>The first init container that has not finished decides the status (<c>Init:1/3</c>, <c>Init:CrashLoopBackOff</c>).</summary>
    private static (bool Initializing, string? Reason, long Restarts) InitStatus(JsonElement pod)
    {
        var statuses = pod.Items("status", "initContainerStatuses").ToList();
        var total = pod.Items("spec", "initContainers").Count();
        long restarts = 0;
        for (var i = 0; i < statuses.Count; i++)
        {
            var container = statuses[i];
            restarts += container.Number("restartCount") ?? 0;
            var terminated = container.Path("state", "terminated");
            if (terminated is { } done && done.Number("exitCode") == 0 || container.Flag("started") && IsSidecar(pod, container))
            {
                continue;
            }

            if (terminated is { } failed)
            {
                return (!HasCondition(pod, "Initialized"), Terminated(failed, "Init:"), restarts);
            }

            var waiting = container.String("state", "waiting", "reason");
            var reason = waiting is { Length: > 0 } and not "PodInitializing" ? "Init:" + waiting : string.Create(CultureInfo.InvariantCulture, $"Init:{i}/{total}");
            return (!HasCondition(pod, "Initialized"), reason, restarts);
        }

        return (false, null, restarts);
    }

    private static string Terminated(JsonElement terminated, string prefix)
    {
        if (terminated.String("reason") is { Length: > 0 } reason)
        {
            return prefix + reason;
        }

        return terminated.Number("signal") is { } signal and not 0
            ? string.Create(CultureInfo.InvariantCulture, $"{prefix}Signal:{signal}")
            : string.Create(CultureInfo.InvariantCulture, $"{prefix}ExitCode:{terminated.Number("exitCode") ?? 0}");
    }

    // A restartable init container (restartPolicy: Always) is a sidecar: once started it no longer holds the pod in Init.
    private static bool IsSidecar(JsonElement pod, JsonElement status) =>
        pod.Items("spec", "initContainers").Any(c => c.String("name") == status.String("name") && c.String("restartPolicy") == "Always");

    private static bool HasCondition(JsonElement pod, string type) =>
        pod.Items("status", "conditions").Any(c => c.String("type") == type && c.String("status") == "True");
}
