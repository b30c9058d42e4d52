// The browser-free part of the harness (code-server, simulator, kubeconfigs, process groups), bundled on its own
// by scripts/demo.mjs (into out/demo/services.mjs) so that `npm run demo` starts things exactly as the tests do.
export { startCodeServer } from './codeServer.js';
export type { CodeServer, CodeServerOptions } from './codeServer.js';
export { startSimulator, devSidecarDll, SIM_AWS_PROFILE, SIM_EKS_CLUSTER, SIM_EKS_REGION } from './simulator.js';
export { simulatorAdmin } from './simulatorAdmin.js';
export type { Simulator, SimulatorOptions, SimulatedAws } from './simulator.js';
export { seedDemoClusters, simulatedAwsEnv } from './demoSeed.js';
export type { DemoSeed, DemoSeedOptions } from './demoSeed.js';
export { startSidecarRpc } from './sidecarRpc.js';
export * from './kubeconfig.js';
export { endAllGroups, trackTempDir } from './processes.js';
export { repoRoot, codeServerEntry } from './paths.js';
