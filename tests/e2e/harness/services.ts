// The browser-free part of the harness (code-server, simulator, kubeconfigs, process groups), bundled on its own
// by scripts/demo.mjs (into out/demo/services.mjs) so that `npm run demo` starts things exactly as the tests do.
export { startCodeServer } from './codeServer.js';
export type { CodeServer, CodeServerOptions } from './codeServer.js';
export { startSimulator, devSidecarDll } from './simulator.js';
export { simulatorAdmin } from './simulatorAdmin.js';
export type { Simulator, SimulatorOptions } from './simulator.js';
export * from './kubeconfig.js';
export { endAllGroups, trackTempDir } from './processes.js';
export { repoRoot, codeServerEntry } from './paths.js';
