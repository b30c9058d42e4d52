export { startCodeServer, describeExtension, stageExtension, DEFAULT_SETTINGS } from './codeServer.js';
export type { CodeServer, CodeServerOptions, ExtensionSpec } from './codeServer.js';
export { openWorkbench, Workbench, waitUntil, CHROMIUM_ARGS } from './workbench.js';
export type { WorkbenchOptions, StatusBarItem, SeenToast, TextMatch, ViewLocation } from './workbench.js';
export { e2eSession, E2ESession } from './session.js';
export type { SessionOptions, CaseContext } from './session.js';
export { repoRoot, outputDir, codeServerEntry, safeName, recordTiming } from './paths.js';
export { groupAlive, trackTempDir, endAllGroups, registerCloser, endGroup, trackGroup, waitGroupGone } from './processes.js';
export { startSimulator, devSidecarDll, freeLocalPort, assertKubelinkBuilt } from './simulator.js';
export type { Simulator, SimulatorOptions, SimulatedAws } from './simulator.js';
export { SIM_AWS_PROFILE, SIM_EKS_CLUSTER, SIM_EKS_REGION } from './simulator.js';
export { seedDemoClusters, simulatedAwsEnv } from './demoSeed.js';
export { startSidecarRpc } from './sidecarRpc.js';
export { simulatorAdmin } from './simulatorAdmin.js';
export type { SimulatorAdmin, SimulatorStatus } from './simulatorAdmin.js';
export { startTcpRelay } from './tcpRelay.js';
export type { TcpRelay } from './tcpRelay.js';
export { kubectl, podManifest, podNames } from './kubectl.js';
export {
  ADMIN_CONTEXT,
  RESTRICTED_CONTEXT,
  BROKEN_CONTEXT,
  MISSING_EXEC_PLUGIN,
  SIMULATOR_CLUSTER,
  demoKubeconfig,
  mergeKubeconfigs,
  readKubeconfig,
  withContext,
  writeKubeconfig,
  kubeconfigYaml,
} from './kubeconfig.js';
export type { Kubeconfig } from './kubeconfig.js';
export { CLUSTER_STATUS_ITEM, KUBERNETES_VERSION, childRows, collapse, connectByClick, expand, expandPath, isFreshRow, isStaleRow, podsPath, renderedRows, rowAt, waitForReady, waitForRows } from './clusterTree.js';
export {
  HEALTH_SETTINGS,
  clusterStatusBackground,
  clusterStatusItem,
  escapeRegExp,
  lostStatus,
  lostToast,
  readyStatus,
  toastCount,
  waitForClusterStatus,
} from './clusterStatus.js';
export type { RowInfo } from './clusterTree.js';
export { kubelinkSession } from './kubelinkSession.js';
export type { KubelinkSession } from './kubelinkSession.js';
