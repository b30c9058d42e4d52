using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Contract;
using Kubelink.Protocol.Eks;
using Kubelink.Protocol.Lifecycle;
using Kubelink.Protocol.Resources;
using Kubelink.Protocol.Simulated;

namespace Kubelink.Protocol;

/// <summary>
/// Every JSON-RPC method name, declared once. Rules of this contract:
/// <list type="bullet">
/// <item>Names are <c>area/verb</c> in lower camel case; fields are camelCase on the wire; enums are camelCase strings.</item>
/// <item>One params record and one result record per method, <c>sealed</c>, with <c>init</c> properties;
/// <c>required</c> means always present; a nullable type means the value may be <c>null</c>.</item>
/// <item>Each constant carries a <see cref="RequestAttribute"/> or <see cref="NotificationAttribute"/> naming its shapes and direction.
/// <c>kubelink-sidecar contract</c> prints all of it as JSON; <c>extension/src/protocol.ts</c> is generated from that JSON,
/// and a test regenerates it and fails when the two drift.</item>
/// <item>Errors are JSON-RPC errors with a code from <see cref="ErrorCodes"/> and a message a person can act on.</item>
/// </list>
/// </summary>
public static class Methods
{
    /// <summary>Handshake: the first request of every session. Fails with <see cref="ErrorCodes.ProtocolMismatch"/> when versions differ.</summary>
    [Request(typeof(InitializeParams), typeof(InitializeResult))]
    public const string Initialize = "initialize";

    /// <summary>Asks the sidecar to stop its work; it answers when done. Only <c>exit</c> may follow.</summary>
    [Request(null, null)]
    public const string Shutdown = "shutdown";

    /// <summary>Tells the sidecar to exit its process now.</summary>
    [Notification(null, Direction.ClientToServer)]
    public const string Exit = "exit";

    /// <summary>The whole cluster catalog.</summary>
    [Request(null, typeof(CatalogListResult))]
    public const string CatalogList = "catalog/list";

    /// <summary>Re-reads every kubeconfig source now (the watcher normally makes this unnecessary); answers the new catalog.</summary>
    [Request(null, typeof(CatalogListResult))]
    public const string CatalogRefresh = "catalog/refresh";

    /// <summary>Entries added, updated or removed, after a kubeconfig file or folder changed.</summary>
    [Notification(typeof(CatalogChangedParams))]
    public const string CatalogChanged = "catalog/changed";

    /// <summary>Replaces the user's sync paths; answers the catalog once they have been read.</summary>
    [Request(typeof(SetSyncPathsParams), typeof(CatalogListResult))]
    public const string KubeconfigSetSyncPaths = "kubeconfig/setSyncPaths";

    /// <summary>Connects to a cluster: proxy route, version, permission checks. Answers once it is ready, or fails with a code and the cause.
    /// Connecting twice to the same cluster is one activation.</summary>
    [Request(typeof(ClusterActivateParams), typeof(ClusterInfo))]
    public const string ClusterActivate = "cluster/activate";

    /// <summary>Disconnects: the proxy route closes and the proxy kubeconfig is deleted.</summary>
    [Request(typeof(ClusterIdParams), null)]
    public const string ClusterDeactivate = "cluster/deactivate";

    /// <summary>Re-runs the accessibility and permission checks of a connected cluster.</summary>
    [Request(typeof(ClusterIdParams), typeof(ClusterInfo))]
    public const string ClusterRefresh = "cluster/refresh";

    /// <summary>The cluster's connection state, whether connected or not.</summary>
    [Request(typeof(ClusterIdParams), typeof(ClusterInfo))]
    public const string ClusterGet = "cluster/get";

    /// <summary>Sets the default namespace of the proxy kubeconfig (rewritten at once).</summary>
    [Request(typeof(SetDefaultNamespaceParams), typeof(ClusterInfo))]
    public const string ClusterSetDefaultNamespace = "cluster/setDefaultNamespace";

    /// <summary>One activation step, as it happens.</summary>
    [Notification(typeof(ClusterStageParams))]
    public const string ClusterStage = "cluster/stage";

    /// <summary>A cluster's status changed.</summary>
    [Notification(typeof(ClusterStatusParams))]
    public const string ClusterStatusChanged = "cluster/status";

    /// <summary>A connected cluster's health changed (ready, disconnected, reconnecting with the attempt, unauthorized). One probe loop per cluster produces these, whatever the number of views.</summary>
    [Notification(typeof(ClusterHealth))]
    public const string ClusterHealthChanged = "cluster/health";

    /// <summary>
    /// A cluster's state changed: the whole <see cref="ClusterInfo"/>, pushed by the one writer of that state, so a client
    /// never has to guess from stage names or health when to ask <c>cluster/get</c>. Advertised as the
    /// <see cref="Lifecycle.SidecarFeatures.ClusterChanged"/> feature.
    /// </summary>
    [Notification(typeof(ClusterChangedParams))]
    public const string ClusterChanged = "cluster/changed";

    /// <summary>Reconnect now: skips the back-off wait of a disconnected cluster (or re-checks a ready one at once). Answers once the attempt is done; health notifications tell how it went.</summary>
    [Request(typeof(ClusterIdParams), typeof(ClusterHealth))]
    public const string ClusterReconnect = "cluster/reconnect";

    /// <summary>The rows of one resource kind from the sidecar's shared watch cache (filled on first use). Only kinds the permission map says are LIST-able.</summary>
    [Request(typeof(ResourceListParams), typeof(ResourceListResult))]
    public const string ResourcesList = "resources/list";

    /// <summary>Like <c>resources/list</c>, then keeps the client posted with <c>resources/changed</c> until unsubscribed. After a reconnect the sidecar re-lists and sends a <c>reset</c> by itself.</summary>
    [Request(typeof(ResourceSubscribeParams), typeof(ResourceListResult))]
    public const string ResourcesSubscribe = "resources/subscribe";

    /// <summary>Ends a subscription; the watch stops when no subscription needs it.</summary>
    [Request(typeof(ResourceUnsubscribeParams), null)]
    public const string ResourcesUnsubscribe = "resources/unsubscribe";

    /// <summary>Live changes of one subscription.</summary>
    [Notification(typeof(ResourceChangedParams))]
    public const string ResourcesChanged = "resources/changed";

    /// <summary>
    /// The GraphQL endpoint of a connected cluster (built now from its OpenAPI; rebuilt when its CRDs change). Fails with
    /// <see cref="ErrorCodes.ClusterNotReady"/> when it is not connected, <see cref="ErrorCodes.GraphQLSchemaFailed"/> when
    /// its OpenAPI cannot be read.
    /// </summary>
    [Request(typeof(GraphQL.GraphQLEndpointParams), typeof(GraphQL.GraphQLEndpointResult))]
    public const string GraphQLEndpoint = "graphql/endpoint";

    /// <summary>
    /// Writes a ClusterAccess for a catalog cluster (and Secrets with its credential and CA) into a connected management
    /// cluster. Fails with <see cref="ErrorCodes.ClusterNotReady"/> when the management cluster is not connected,
    /// <see cref="ErrorCodes.ClusterAccessFailed"/> when the credential cannot be stored or the management cluster refuses.
    /// </summary>
    [Request(typeof(GraphQL.GraphQLRegisterParams), typeof(GraphQL.GraphQLRegisterResult))]
    public const string GraphQLRegister = "graphql/register";

    /// <summary>
    /// Runs the ClusterAccess listener and gateway inside the sidecar for a connected management cluster (idempotent; stops
    /// when the cluster disconnects). Fails with <see cref="ErrorCodes.ClusterNotReady"/> when it is not connected.
    /// </summary>
    [Request(typeof(GraphQL.GraphQLGatewayParams), typeof(GraphQL.GraphQLGatewayResult))]
    public const string GraphQLGateway = "graphql/gateway";

    /// <summary>One object's current YAML (read fresh from the API server), for Open YAML.</summary>
    [Request(typeof(ResourceGetParams), typeof(ResourceGetResult))]
    public const string ResourcesGet = "resources/get";

    /// <summary>
    /// The EKS clusters of a region, every page, each described (status, version, endpoint). Fails with
    /// <see cref="ErrorCodes.AwsError"/> (the AWS code, message and request id in the message),
    /// <see cref="ErrorCodes.AwsCredentialsMissing"/> or <see cref="ErrorCodes.AwsSsoLoginRequired"/>.
    /// </summary>
    [Request(typeof(EksListClustersParams), typeof(EksListClustersResult))]
    public const string EksListClusters = "eks/listClusters";

    /// <summary>Adds an EKS connection (remembered without secrets) and answers its catalog entry; <c>cluster/activate</c> connects it. A cluster that is not ACTIVE is remembered and listed invalid with its status; activating it fails with <see cref="ErrorCodes.EksClusterNotActive"/> until Refresh EKS Clusters finds it ACTIVE.</summary>
    [Request(typeof(EksConnectParams), typeof(CatalogEntry))]
    public const string EksConnect = "eks/connect";

    /// <summary>Disconnects an EKS cluster and forgets the connection.</summary>
    [Request(typeof(EksDisconnectParams), null)]
    public const string EksDisconnect = "eks/disconnect";

    /// <summary>Every simulated cluster (docs/simulated-clusters.md); starts nothing when there are none.</summary>
    [Request(null, typeof(SimulatedListResult))]
    public const string SimulatedList = "simulated/list";

    /// <summary>
    /// Creates a simulated cluster; answers at once with status <c>creating</c> (its catalog entry appears through
    /// <c>catalog/changed</c> and follows its status). Fails with <see cref="ErrorCodes.SimulatedInvalid"/> or <see cref="ErrorCodes.SimulatedExists"/>.
    /// </summary>
    [Request(typeof(SimulatedCreateParams), typeof(SimulatedClusterInfo))]
    public const string SimulatedCreate = "simulated/create";

    /// <summary>Deletes a simulated cluster: endpoint, tenant objects and entry. Fails with <see cref="ErrorCodes.SimulatedNotFound"/>.</summary>
    [Request(typeof(SimulatedNameParams), null)]
    public const string SimulatedDelete = "simulated/delete";

    /// <summary>
    /// (Re)configures the Rancher import of the simulated clusters: every ready cluster is imported and its tunnels kept up,
    /// new ones on create; no URL stops the tunnels (clusters stay). Answers with one check of the key against Rancher; each
    /// cluster's own Rancher state follows in its catalog entry. Fails with <see cref="ErrorCodes.RancherSettingsInvalid"/>
    /// (the import is then off).
    /// </summary>
    [Request(typeof(SimulatedRancherParams), typeof(SimulatedRancherResult))]
    public const string SimulatedConfigureRancher = "simulated/configureRancher";
}
