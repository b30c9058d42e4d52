/**
 * The identifiers package.json declares, in one place: the registrations and the pure status model use these, and a
 * test checks them against the manifest so a rename on one side cannot go unnoticed.
 */
/** `<publisher>.<name>` from package.json. */
export const extensionId = 'kubelink.kubelink';

export const CommandIds = {
  showLog: 'kubelink.showLog',
  restartSidecar: 'kubelink.restartSidecar',
  addSyncPath: 'kubelink.addSyncPath',
  removeSyncPath: 'kubelink.removeSyncPath',
  refreshCatalog: 'kubelink.refreshCatalog',
  openKubeconfig: 'kubelink.openKubeconfig',
  connect: 'kubelink.connect',
  disconnect: 'kubelink.disconnect',
  refreshCluster: 'kubelink.refreshCluster',
  openTerminal: 'kubelink.openTerminal',
  copyProxyKubeconfigPath: 'kubelink.copyProxyKubeconfigPath',
  setDefaultNamespace: 'kubelink.setDefaultNamespace',
  reconnect: 'kubelink.reconnect',
  clusterActions: 'kubelink.clusterActions',
  filterNamespace: 'kubelink.filterNamespace',
  openYaml: 'kubelink.openYaml',
  openGraphQL: 'kubelink.openGraphQL',
  copyGraphQLEndpoint: 'kubelink.copyGraphQLEndpoint',
  registerGraphQL: 'kubelink.registerGraphQL',
  runGraphQLGateway: 'kubelink.runGraphQLGateway',
  addEksClusters: 'kubelink.addEksClusters',
  removeEksConnection: 'kubelink.removeEksConnection',
  refreshEksClusters: 'kubelink.refreshEksClusters',
  createSimulatedCluster: 'kubelink.createSimulatedCluster',
  deleteSimulatedCluster: 'kubelink.deleteSimulatedCluster',
  setRancherApiKey: 'kubelink.setRancherApiKey',
  clearRancherApiKey: 'kubelink.clearRancherApiKey',
} as const;

export type CommandId = (typeof CommandIds)[keyof typeof CommandIds];

/**
 * Every setting is machine-scoped in the manifest: a workspace must not choose what we execute, which kubeconfig we
 * read or what we tell the sidecar about a cluster.
 */
export const SettingIds = {
  sidecarPath: 'kubelink.sidecar.path',
  kubeconfigSyncPaths: 'kubelink.kubeconfig.syncPaths',
  clusterRefreshInterval: 'kubelink.clusters.refreshIntervalSeconds',
  clustersAccessibleNamespaces: 'kubelink.clusters.accessibleNamespaces',
  healthProbeInterval: 'kubelink.health.probeIntervalSeconds',
  healthProbeTimeout: 'kubelink.health.probeTimeoutSeconds',
  healthReconnectMaxDelay: 'kubelink.health.reconnectMaxDelaySeconds',
  eksInProcessToken: 'kubelink.eks.inProcessToken',
  simulatedRancherUrl: 'kubelink.simulated.rancherUrl',
  simulatedRancherCaFile: 'kubelink.simulated.rancherCaFile',
} as const;

export const ViewIds = {
  container: 'kubelink',
  clusters: 'kubelink.clusters',
} as const;

/** The `contextValue`s of the Clusters tree, which the manifest's `view/item/context` menus match with `viewItem == …`. */
export const TreeItemContexts = {
  validCluster: 'cluster.valid',
  invalidCluster: 'cluster.invalid',
  /** A valid cluster while its activation runs (`connecting` or `accessible`). */
  connectingCluster: 'cluster.connecting',
  /** A ready cluster: the proxy kubeconfig exists. */
  connectedCluster: 'cluster.connected',
  /** A valid cluster whose last activation failed. */
  failedCluster: 'cluster.failed',
  /** One line of a cluster's stage log. */
  stage: 'stage',
  syncPathSource: 'source.syncPath',
  kubeconfigSource: 'source.kubeconfig',
  /** The group of every entry of one other source kind (Amazon EKS, simulated clusters, ClusterAccess). */
  sourceKindGroup: 'source.kind',
  /** An Amazon EKS group (one per credentials and region). */
  eksSource: 'source.eks',
  /** The Simulated clusters group (Create / Delete Simulated Cluster). */
  simulatedSource: 'source.simulated',
  /** Under a connected cluster: the Namespaces node and its namespaces. */
  namespaces: 'resources.namespaces',
  namespace: 'resources.namespace',
  /** The Resources node (Filter by Namespace), an API group, a kind, one object (Open YAML). */
  resources: 'resources.root',
  apiGroup: 'resources.group',
  resourceKind: 'resources.kind',
  resourceItem: 'resources.item',
  /** Loading, empty or error lines inside a view. */
  resourceMessage: 'resources.message',
} as const;

export type TreeItemContext = (typeof TreeItemContexts)[keyof typeof TreeItemContexts];

/** VS Code prefixes the extension id (lower-cased `publisher.name`), so the item's DOM id is `kubelink.kubelink.kubelink.status`. */
export const statusItemId = 'kubelink.status';

/** The focused cluster's item: `kubelink.kubelink.kubelink.cluster` in the DOM. */
export const clusterStatusItemId = 'kubelink.cluster';

/** Open YAML's read-only documents. */
export const yamlScheme = 'kubelink-yaml';
