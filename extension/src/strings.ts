/**
 * Every user-facing string of the extension, in one table. Placeholders are `{0}`, `{1}`… as in `vscode.l10n.t`:
 * the adapters translate through `l10n.t`, the VS Code-free core and the tests through `format` below, so a
 * translation bundle can be added later without touching the callers.
 */
export const strings = {
  // Status bar (extension/src/status/statusView.ts).
  statusName: 'Kubelink',
  statusStarting: '$(sync~spin) Kubelink',
  statusStartingTooltip: 'Kubelink: starting the sidecar…',
  statusStartingAgainTooltip: 'Kubelink: starting the sidecar (restart {0})…',
  statusReady: '$(pass) Kubelink',
  statusReadyTooltip: 'Kubelink sidecar {0} is running (process {1}). Click to show the log.',
  statusRestarting: '$(sync~spin) Kubelink: restart {0}',
  statusRestartingTooltip: 'Kubelink: the sidecar stopped unexpectedly ({0}). Restarting in {1} s (restart {2}).',
  statusFailed: '$(error) Kubelink',
  statusCrashedTooltip: 'Kubelink: the sidecar is not running. {0} Click to show the log.',
  statusIncompatibleTooltip: 'Kubelink: the sidecar does not match this extension. {0} Click to show the log.',
  statusStopped: '$(circle-slash) Kubelink',
  statusStoppedTooltip: 'Kubelink: the sidecar is stopped. Click to start it.',

  // Notifications (extension/src/status/notices.ts): one per outage, never one per restart attempt.
  noticeRestarting: 'The Kubelink sidecar stopped unexpectedly ({0}). Restarting it…',
  noticeGaveUp: 'The Kubelink sidecar stopped {0} times in quick succession, so Kubelink stopped restarting it. Last failure: {1}',
  noticeCannotStart: 'Kubelink could not start its sidecar. {0}',
  noticeIncompatible: 'Kubelink cannot use its sidecar. {0}',
  actionShowLog: 'Show Log',
  actionRestart: 'Restart Sidecar',
  actionOpenSettings: 'Open Settings',

  // Why a sidecar could not be found or started (extension/src/sidecar/locate.ts, session.ts).
  notFound: 'Its sidecar was not found; looked for: {0}. Build it with "dotnet build server/Kubelink.Sidecar", or set "kubelink.sidecar.path" to the kubelink-sidecar executable or its .dll.',
  settingPathMissing: 'The setting "kubelink.sidecar.path" points at {0}, which does not exist. Fix the path, or clear the setting to use the sidecar bundled with Kubelink.',
  cannotRunDotnet: 'Could not run {0} ({1}). A .dll sidecar needs the .NET 10 runtime ("dotnet") on PATH: install it, or set "kubelink.sidecar.path" to the native kubelink-sidecar executable.',
  cannotRunFile: 'Could not run {0} ({1}). Check that it is the kubelink-sidecar executable and that you may execute it, or clear the "kubelink.sidecar.path" setting.',
  exitedDuringStart: 'The sidecar stopped during start-up ({0}). The Kubelink log shows its last messages.',
  startTimedOut: 'The sidecar did not answer "initialize" within {0} s.',
  otherProtocol: 'The sidecar answered with protocol {0}, but this extension speaks protocol {1}. Reinstall Kubelink so the extension and its sidecar match, or clear the "kubelink.sidecar.path" setting if it points at another build.',
  exitCode: 'exit code {0}',
  exitSignal: 'killed by {0}',
  exitUnknown: 'it exited',

  // The Clusters tree (extension/src/catalog/catalogTreeModel.ts): group nodes, cluster items and their tooltips.
  sourceKubeconfig: 'KUBECONFIG',
  sourceSyncFolder: 'sync folder',
  sourceSyncFile: 'sync file',
  sourceTooltip: '{0}\n{1}: {2} contexts, {3} invalid',
  clusterDescription: '{0} · {1}',
  clusterCurrent: '(current) {0}',
  tooltipContext: 'Context: {0}',
  tooltipServer: 'Server: {0}',
  tooltipUser: 'User: {0}',
  tooltipNamespace: 'Namespace: {0}',
  tooltipNamespaceDefault: 'Namespace: (default)',
  tooltipSource: 'Defined in: {0}',
  tooltipCurrent: 'The current context of KUBECONFIG.',
  tooltipProblem: 'Problem: {0}',
  tooltipProblemAt: 'At: {0}',
  tooltipUnreadableFile: 'This file cannot be used: {0}',

  // Short reasons for invalid entries, one per KubeconfigProblem (extension/src/catalog/problems.ts).
  problemUnreadableFile: 'cannot read the file',
  problemFileTooLarge: 'file too large',
  problemNotText: 'not a text file',
  problemYamlSyntax: 'YAML syntax error',
  problemNotAKubeconfig: 'not a kubeconfig',
  problemMissingCluster: 'cluster not defined',
  problemMissingUser: 'user not defined',
  problemMissingServer: 'no server URL',
  problemInvalidServerUrl: 'invalid server URL',
  problemUnreadableCredentialFile: 'credential file unreadable',
  problemInvalidBase64: 'invalid base64 data',
  problemUnknownAuthProvider: 'unknown auth provider',
  problemExecCommandNotFound: 'exec plugin not found',

  // Catalog commands (extension/src/commands/catalogCommands.ts).
  addSyncPathTitle: 'Add Kubeconfig Files or a Folder to Kubelink',
  addSyncPathOpenLabel: 'Sync',
  addSyncPathPickFiles: 'Kubeconfig files…',
  addSyncPathPickFolder: 'A folder of kubeconfig files…',
  addSyncPathAlreadySynced: 'Kubelink already syncs {0}.',
  removeSyncPathPlaceholder: 'Sync path to remove',
  removeSyncPathNone: 'There is no sync path to remove: the setting "kubelink.kubeconfig.syncPaths" is empty.',
  openKubeconfigCommand: 'Open Kubeconfig at Error',
  openKubeconfigPlaceholder: 'Kubeconfig context to open',
  openKubeconfigFailed: 'Kubelink could not open {0}: {1}',
  openKubeconfigSpecial: 'Kubelink does not open {0} in the editor: it is a pipe or a device, not a file. {1}',
  catalogFailed: 'Kubelink could not read the cluster catalog: {0}',
  catalogNotRunning: 'The Kubelink sidecar is not running, so the catalog cannot be refreshed. Restart it from the status bar or with "Kubelink: Restart Sidecar".',
  statusClusters: '{0} clusters in the catalog ({1} invalid).',
  statusClustersReady: 'Connected: {0}.',
  statusClustersConnecting: 'Connecting: {0}.',

  // Cluster connections in the tree (extension/src/clusters/clusterTreeModel.ts).
  clusterConnecting: 'connecting…',
  clusterChecking: 'checking access…',
  clusterCheckingVersion: '{0} · checking access…',
  clusterReadyVersion: '{0} · {1}',
  clusterFailed: 'connection failed',
  tooltipConnecting: 'Connecting…',
  tooltipChecking: 'Connected; checking permissions…',
  tooltipReady: 'Connected.',
  tooltipReadyVersion: 'Connected: Kubernetes {0}.',
  tooltipProxyKubeconfig: 'Proxy kubeconfig: {0}',
  tooltipFailed: 'Connection failed: {0}',
  stageTime: 'At {0}',

  // Cluster commands (extension/src/commands/clusterCommands.ts).
  connectCommand: 'Connect',
  connectProgress: 'Connecting to {0}',
  connectFailed: 'Kubelink could not connect to {0}: {1}',
  actionRetry: 'Retry',
  actionOpenKubeconfig: 'Open Kubeconfig',
  clusterPickConnect: 'Cluster to connect',
  clusterPickDisconnect: 'Cluster to disconnect',
  clusterPickRefresh: 'Cluster to refresh',
  clusterPickTerminal: 'Cluster to open a kubectl terminal for',
  clusterPickCopy: 'Cluster whose proxy kubeconfig path to copy',
  clusterPickNamespace: 'Cluster whose default namespace to set',
  clusterNoneValid: 'There is no valid cluster in the catalog to connect to.',
  clusterNoneConnected: 'No cluster is connected.',
  terminalName: 'kubectl: {0}',
  copiedProxyKubeconfigPath: 'Copied {0}',
  namespacePlaceholder: 'Default namespace for {0} (type any name)',
  namespaceCurrent: 'current',
  namespaceTyped: 'use this name',
  namespaceSet: 'kubectl in Kubelink terminals of {0} now uses namespace {1}.',
  clusterCommandFailed: 'Kubelink: {0}',

  // Health causes in words (extension/src/health/healthWords.ts).
  causeRefused: 'connection refused',
  causeReset: 'connection reset',
  causeTimeout: 'no answer in time',
  causeTls: 'TLS handshake failed',
  causeDns: 'server name not found',
  causeHttp: 'the API server is not ready',
  causeUnauthorized: 'the credentials were rejected (401)',
  causeForbidden: 'access denied (403)',
  causeCredentials: 'the credential plugin failed',
  causeNetwork: 'the network changed',
  causeKubeconfig: 'its kubeconfig entry changed',
  causeUnknown: 'unknown cause',
  healthRetryIn: 'in {0} s',

  // Disconnection episodes (extension/src/health/episodes.ts): one notification per episode, updated in place.
  healthLostTitle: 'Lost connection to {0}: {1}. Reconnecting…',
  healthCredentialsTitle: 'Kubelink cannot use the credentials for {0}: {1}. Log in again or refresh the credentials in the kubeconfig; Kubelink keeps retrying.',
  healthNowCause: 'now: {0}',
  healthAttempt: 'attempt {0}',
  healthAttemptNext: 'attempt {0} {1}',
  healthWaiting: 'checking…',
  healthReconnected: 'Reconnected to {0}',

  // The focused cluster's status-bar item (extension/src/status/clusterStatusView.ts).
  clusterStatusName: 'Kubelink cluster',
  clusterStatusClick: 'Click for Reconnect Now, Disconnect and Show Log.',
  clusterStatusReady: '$(pass) {0}',
  clusterStatusReadyTooltip: '{0}: connected (Kubernetes {1}).',
  clusterStatusReadyTooltipNoVersion: '{0}: connected.',
  clusterStatusConnecting: '$(sync~spin) {0}: connecting…',
  clusterStatusConnectingTooltip: '{0}: connecting…',
  clusterStatusFailed: '$(error) {0}: connection failed',
  clusterStatusLost: '$(debug-disconnect) {0}: disconnected',
  clusterStatusLostTooltip: '{0}: lost connection ({1}).',
  clusterStatusReconnecting: '$(sync~spin) {0}: reconnecting (attempt {1})',
  clusterStatusReconnectingTooltip: '{0}: lost connection ({1}); reconnect attempt {2}.',
  clusterStatusUnauthorized: '$(key) {0}: unauthorized',
  clusterStatusUnauthorizedTooltip: '{0}: the API server rejects the credentials ({1}). Log in again or refresh them in the kubeconfig.',
  clusterActionsPlaceholder: '{0}: what to do',
  actionReconnectNow: 'Reconnect Now',
  actionDisconnect: 'Disconnect',
  clusterPickReconnect: 'Cluster to reconnect',
  clusterHealthLost: 'disconnected · {0}',
  clusterHealthReconnecting: 'reconnecting (attempt {0})…',
  clusterHealthUnauthorized: 'unauthorized · {0}',
  tooltipHealth: 'Connection: {0}',

  // Resource views in the Clusters tree (extension/src/resources/).
  namespacesNode: 'Namespaces',
  namespacesTooltip: 'The namespaces of this cluster (live when you may list them).',
  resourcesNode: 'Resources',
  resourcesTooltip: 'The kinds you may list, by API group. Showing: {0}. Filter with "Kubelink: Filter by Namespace…".',
  resourcesAllNamespaces: 'all namespaces',
  resourcesFilter: 'namespace {0}',
  coreGroup: 'core',
  coreGroupTooltip: 'The core API group (v1)',
  kindNamespaces: 'Listable in: {0}',
  kindStaleTooltip: 'Last known state: the cluster is not reachable right now; this refreshes by itself when it is back.',
  resourcesLoading: 'Loading…',
  resourcesNone: 'None',
  resourcesNoneIn: 'None in namespace {0}',
  resourceStale: '(stale) {0}',
  resourceName: 'Name',
  resourceAge: 'Age: {0} (created {1})',
  filterPlaceholder: 'Namespace to show in the resources of {0}',
  filterAll: 'All namespaces',
  filterCurrent: 'current',
  clusterPickFilter: 'Cluster whose resources to filter',
  clusterNotReady: '{0} is not connected. Connect it first.',
  openYamlFailed: 'Kubelink could not read {0}: {1}',
  yamlUnknown: 'This document is not a Kubelink resource address. Use "Open YAML" on an item in the Clusters view.',
} as const;

export type StringKey = keyof typeof strings;

/** Translates a template and fills its placeholders; `vscode.l10n.t` has this shape. */
export type Translate = (message: string, ...args: Array<string | number>) => string;

/** The untranslated fallback: fills `{n}` placeholders, leaving unknown ones visible rather than silently empty. */
export const format: Translate = (message, ...args) =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)];
    return value === undefined ? whole : String(value);
  });
