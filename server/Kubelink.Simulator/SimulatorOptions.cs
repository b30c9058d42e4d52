using Kubelink.Simulator.Discovery;

namespace Kubelink.Simulator;

/// <summary>How to start a <see cref="SimulatorServer"/>: where it listens, what it persists and what it seeds.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Loopback port to listen on; 0 picks a free one (kept across restarts of the same server).</summary>
    public int Port { get; set; }

    /// <summary>JSON file holding objects, users and the CA across runs; loaded at start when present, saved on dispose.</summary>
    public string? StateFile { get; set; }

    /// <summary>Extra namespaces to create (<c>ns-0000</c>...), besides default, kube-system, kube-public, team-a and team-b.</summary>
    public int Namespaces { get; set; } = 2;

    /// <summary>Nodes to create.</summary>
    public int Nodes { get; set; } = 3;

    /// <summary>Running pods per namespace (spread over the nodes), with a deployment, service and configmap.</summary>
    public int PodsPerNamespace { get; set; } = 3;

    /// <summary>Extra API groups (<c>groupN.sim.kubelink.dev</c>) registered through CRDs at start-up.</summary>
    public int ApiGroups { get; set; }

    /// <summary>Custom kinds per extra API group.</summary>
    public int KindsPerGroup { get; set; }

    /// <summary>Custom kinds served from start-up, without a CRD object.</summary>
    public IList<ResourceType> CustomKinds { get; } = [];

    /// <summary>Latency added to every request from the start (same as <see cref="SimulatorFaults.Latency"/>).</summary>
    public TimeSpan Latency { get; set; }

    /// <summary>Server-side watch timeout when the client gives no <c>timeoutSeconds</c>.</summary>
    public TimeSpan DefaultWatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How often a watch that allows bookmarks receives one.</summary>
    public TimeSpan BookmarkInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Events kept per resource for watch resumption; older resource versions get 410 Expired.</summary>
    public int WatchHistoryLimit { get; set; } = 10_000;

    /// <summary>The Kubernetes version the server claims to be.</summary>
    public string GitVersion { get; set; } = "v1.32.4";

    /// <summary>Port of the plain-HTTP admin endpoint on 127.0.0.1 (0 = free port); null disables it.</summary>
    public int? AdminPort { get; set; }

    /// <summary>Also serve a local AWS (EKS, STS, SSO) on a loopback HTTP port, and accept EKS <c>k8s-aws-v1.</c> tokens (see docs/simulator.md).</summary>
    public bool Aws { get; set; }

    /// <summary>The simulated EKS's largest <c>ListClusters</c> page (AWS: 100); tests set 1 to see paging.</summary>
    public int AwsPageSize { get; set; } = 100;

    /// <summary>The clock of the simulated AWS (signature windows, session expiry); tests inject one.</summary>
    public TimeProvider AwsTime { get; set; } = TimeProvider.System;
}
