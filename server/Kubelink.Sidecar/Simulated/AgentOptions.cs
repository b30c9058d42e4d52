namespace Kubelink.Sidecar.Simulated;

/// <summary>How the agent runs; the headless verb and the sidecar fill it from their own settings.</summary>
internal sealed record AgentOptions
{
    /// <summary>Where <c>state.json</c>, the endpoint CA, the kubeconfigs and the embedded main cluster live.</summary>
    public required string StateDir { get; init; }

    /// <summary>The main cluster; null starts the embedded simulator.</summary>
    public string? MainKubeconfig { get; init; }

    /// <summary>The template file; null uses <see cref="ClusterTemplate.DefaultYaml"/>.</summary>
    public string? TemplatePath { get; init; }

    /// <summary>How often every ready cluster is compared with its template (drifted node status, missing objects, deleted namespace).</summary>
    public TimeSpan ReconcileInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each endpoint is probed (a failed listener is restarted).</summary>
    public TimeSpan ProbeInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Clusters populated at once: the main cluster answers faster with a few writers than with hundreds.</summary>
    public int SetupConcurrency { get; init; } = 4;

    /// <summary>Rancher to import every cluster into (<c>--rancher-url</c>, <c>--rancher-token-file</c>); null: no import.</summary>
    public Rancher.RancherSettings? Rancher { get; init; }

    /// <summary>How often the deletion watcher asks Rancher whether each imported cluster still exists.</summary>
    public TimeSpan RancherWatchInterval { get; init; } = TimeSpan.FromSeconds(30);

    public string KubeconfigPath(string cluster) => Path.Combine(StateDir, "clusters", cluster, "kubeconfig");
}
