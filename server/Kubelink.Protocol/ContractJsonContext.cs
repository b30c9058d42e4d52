using System.Text.Json.Serialization;
using Kubelink.Protocol.Catalog;
using Kubelink.Protocol.Clusters;
using Kubelink.Protocol.Eks;
using Kubelink.Protocol.GraphQL;
using Kubelink.Protocol.Lifecycle;
using Kubelink.Protocol.Resources;
using Kubelink.Protocol.Simulated;

namespace Kubelink.Protocol;

/// <summary>
/// Compile-time JSON metadata for every params and result record of <see cref="Methods"/> (and what they reach).
/// <see cref="ProtocolJson.Options"/> asks it first, so the sidecar's first message does not build this metadata by
/// reflection (with emitted property accessors) at start (decision 64). Metadata only: the rules (names, enums, nulls,
/// required fields) come from the options it is used with, exactly as for reflection; a type not listed here still
/// works through the reflection fallback, and <c>ContractJsonContextTests</c> fails until it is listed.
/// Not listed, on purpose: <c>ResourceListResult</c> and <c>ResourceChangedParams</c>, which carry <c>ResourceRow</c>, whose
/// init-only <c>[JsonExtensionData]</c> columns the generated metadata cannot set (it binds init-only properties like
/// constructor parameters, and extension data cannot be one); they are not on the start path.
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(InitializeParams))]
[JsonSerializable(typeof(InitializeResult))]
[JsonSerializable(typeof(CatalogChangedParams))]
[JsonSerializable(typeof(CatalogEntry))]
[JsonSerializable(typeof(CatalogListResult))]
[JsonSerializable(typeof(SetSyncPathsParams))]
[JsonSerializable(typeof(ClusterActivateParams))]
[JsonSerializable(typeof(ClusterChangedParams))]
[JsonSerializable(typeof(ClusterHealth))]
[JsonSerializable(typeof(ClusterIdParams))]
[JsonSerializable(typeof(ClusterInfo))]
[JsonSerializable(typeof(ClusterStageParams))]
[JsonSerializable(typeof(ClusterStatusParams))]
[JsonSerializable(typeof(SetDefaultNamespaceParams))]
[JsonSerializable(typeof(EksConnectParams))]
[JsonSerializable(typeof(EksDisconnectParams))]
[JsonSerializable(typeof(EksListClustersParams))]
[JsonSerializable(typeof(EksListClustersResult))]
[JsonSerializable(typeof(GraphQLEndpointParams))]
[JsonSerializable(typeof(GraphQLEndpointResult))]
[JsonSerializable(typeof(GraphQLGatewayParams))]
[JsonSerializable(typeof(GraphQLGatewayResult))]
[JsonSerializable(typeof(GraphQLRegisterParams))]
[JsonSerializable(typeof(GraphQLRegisterResult))]
[JsonSerializable(typeof(ResourceColumn))]
[JsonSerializable(typeof(ResourceGetParams))]
[JsonSerializable(typeof(ResourceGetResult))]
[JsonSerializable(typeof(ResourceListParams))]
[JsonSerializable(typeof(ResourceSubscribeParams))]
[JsonSerializable(typeof(ResourceUnsubscribeParams))]
[JsonSerializable(typeof(SimulatedClusterInfo))]
[JsonSerializable(typeof(SimulatedCreateParams))]
[JsonSerializable(typeof(SimulatedListResult))]
[JsonSerializable(typeof(SimulatedNameParams))]
[JsonSerializable(typeof(SimulatedRancherParams))]
[JsonSerializable(typeof(SimulatedRancherResult))]
public sealed partial class ContractJsonContext : JsonSerializerContext;
