// What the demo's Clusters view starts with beyond the kubeconfig (docs/demo.md): one simulated cluster, ready, and the
// simulator's EKS cluster under Amazon EKS. Both are made through the sidecar's own RPC (simulated/create, eks/connect)
// in the state folder the editor's sidecar then reads, so they are exactly what a user's clicks would have left.
import {
  CatalogChangedNotification,
  CatalogListRequest,
  EksConnectRequest,
  SimulatedCreateRequest,
  SimulatedListRequest,
  type CatalogEntry,
  type SimulatedClusterInfo,
} from '../../../extension/src/protocol/index.js';
import { startSidecarRpc } from './sidecarRpc.js';
import { SIM_AWS_PROFILE, SIM_EKS_CLUSTER, SIM_EKS_REGION, type SimulatedAws } from './simulator.js';

export interface DemoSeedOptions {
  /** KUBELINK_STATE_DIR of the demo's editor. */
  stateDir: string;
  /** KUBECONFIG of the demo's editor (so the machine's ~/.kube/config is not read). */
  kubeconfig: string;
  /** The simulator's AWS (started with `aws: true`); its profile `kubelink-sim` signs the EKS calls. */
  aws: SimulatedAws;
  /** Created when the state holds no simulated cluster (a user who deleted them all gets one back). */
  simulatedName: string;
  logFile: string;
  /** Default 180 s: a first start on a loaded 2-core machine. */
  timeoutMs?: number;
}

export interface DemoSeed {
  /** The simulated clusters, every one ready. */
  simulated: SimulatedClusterInfo[];
  /** True when this start created `simulatedName`. */
  created: boolean;
  eks: CatalogEntry;
}

/** The AWS environment of the simulator's profiles, for this seeding and for the editor (and its terminals). */
export function simulatedAwsEnv(aws: Pick<SimulatedAws, 'configFile' | 'credentialsFile'>): Record<string, string> {
  return { AWS_CONFIG_FILE: aws.configFile, AWS_SHARED_CREDENTIALS_FILE: aws.credentialsFile, AWS_EC2_METADATA_DISABLED: 'true' };
}

export async function seedDemoClusters(options: DemoSeedOptions): Promise<DemoSeed> {
  const sidecar = await startSidecarRpc({ stateDir: options.stateDir, env: { ...simulatedAwsEnv(options.aws), KUBECONFIG: options.kubeconfig }, logFile: options.logFile });
  const c = sidecar.connection;
  const timeoutMs = options.timeoutMs ?? 180_000;
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      (async (): Promise<DemoSeed> => {
        // Every simulated change reaches the catalog as catalog/changed: re-read the list on each one until all are ready.
        let wake: () => void = () => undefined;
        c.onNotification(CatalogChangedNotification, () => wake());
        await c.sendRequest(CatalogListRequest);
        let clusters = (await c.sendRequest(SimulatedListRequest)).clusters;
        const created = clusters.length === 0;
        if (created) await c.sendRequest(SimulatedCreateRequest, { name: options.simulatedName });
        for (;;) {
          const changed = new Promise<void>((resolve) => (wake = resolve));
          clusters = (await c.sendRequest(SimulatedListRequest)).clusters;
          const failed = clusters.find((cl) => cl.status === 'failed');
          if (failed) throw new Error(`simulated cluster ${failed.name} failed: ${failed.reason ?? '(no reason)'}`);
          if (clusters.length > 0 && clusters.every((cl) => cl.status === 'ready')) break;
          await changed;
        }
        const eks = await c.sendRequest(EksConnectRequest, { credentials: { profile: SIM_AWS_PROFILE }, region: SIM_EKS_REGION, name: SIM_EKS_CLUSTER });
        return { simulated: clusters, created, eks };
      })(),
      sidecar.exited.then(() => Promise.reject(new Error(`the sidecar exited while seeding; its log: ${options.logFile}`))),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`seeding the demo's clusters took over ${timeoutMs / 1000} s; the sidecar's log: ${options.logFile}`)), timeoutMs);
      }),
    ]);
  } finally {
    clearTimeout(timer);
    await sidecar.stop();
  }
}
