// The simulator's admin endpoint (server/Kubelink.Simulator/Faults/AdminEndpoint.cs, docs/simulator.md "Admin
// endpoint"): a plain-HTTP port beside the API that keeps answering while the API refuses connections or black-holes
// requests, so a test can break and heal the cluster without killing the process (no restart cost, same objects).
import * as fs from 'node:fs';
import * as path from 'node:path';

/** The status document every admin route answers. */
export interface SimulatorStatus {
  server: string | null;
  listening: boolean;
  resourceVersion: number;
  openConnections: number;
  faults: { latencyMs: number; blackHole: boolean; dropNewConnections: boolean };
}

export interface SimulatorAdmin {
  readonly url: string;
  /** The API stops listening on its port (clients get "connection refused"); open connections end. */
  refuse(): Promise<SimulatorStatus>;
  /** The API listens again on the same port. */
  accept(): Promise<SimulatorStatus>;
  status(): Promise<SimulatorStatus>;
  /** Any route of the table in docs/simulator.md, e.g. `/faults/error?status=503&count=5`. */
  post(route: string): Promise<SimulatorStatus>;
}

/**
 * Reads `<kubeconfigDir>/admin-endpoint.json`, which the `simulator` verb writes before it prints its "listening"
 * line. The token stays in memory: it is never logged (an error names the route and the status only).
 */
export function simulatorAdmin(kubeconfigDir: string): SimulatorAdmin {
  const file = path.join(kubeconfigDir, 'admin-endpoint.json');
  let parsed: { url?: unknown; token?: unknown };
  try {
    parsed = JSON.parse(fs.readFileSync(file, 'utf8')) as { url?: unknown; token?: unknown };
  } catch (err) {
    throw new Error(`e2e: cannot read the simulator's admin endpoint from ${file} (${(err as Error).message}); is the simulator started with this kubeconfig dir?`);
  }
  const { url, token } = parsed;
  if (typeof url !== 'string' || typeof token !== 'string' || url === '' || token === '') {
    throw new Error(`e2e: ${file} has no admin url/token: the simulator was started without an admin endpoint`);
  }
  const call = async (method: 'GET' | 'POST', route: string): Promise<SimulatorStatus> => {
    const response = await fetch(new URL(route, url), { method, headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
    const body = await response.text();
    if (!response.ok) throw new Error(`e2e: simulator admin ${method} ${route} answered ${response.status}: ${body.slice(0, 500)}`);
    return JSON.parse(body) as SimulatorStatus;
  };
  return {
    url,
    refuse: () => call('POST', '/faults/refuse'),
    accept: () => call('POST', '/faults/accept'),
    status: () => call('GET', '/status'),
    post: (route) => call('POST', route),
  };
}
