// Kubeconfigs for the demo and the e2e tests: one file that merges the simulator's admin and restricted
// kubeconfigs and adds a deliberately broken context, so that validation shows in the Clusters view.
import * as fs from 'node:fs';
import { dump, load } from 'js-yaml';

interface Named<T> {
  name: string;
  [key: string]: unknown;
  cluster?: T;
  user?: T;
  context?: T;
}

export interface Kubeconfig {
  apiVersion: string;
  kind: string;
  clusters: Named<Record<string, unknown>>[];
  users: Named<Record<string, unknown>>[];
  contexts: Named<{ cluster?: string; user?: string; namespace?: string }>[];
  'current-context'?: string;
  preferences?: Record<string, unknown>;
}

export const ADMIN_CONTEXT = 'kubelink-sim-admin';
export const RESTRICTED_CONTEXT = 'kubelink-sim-restricted';
/** A context whose user authenticates with an exec plugin that is on nobody's PATH (KubeconfigProblem execCommandNotFound). */
export const BROKEN_CONTEXT = 'kubelink-sim-broken-exec';
export const MISSING_EXEC_PLUGIN = 'kubelink-demo-missing-auth-plugin';
/** The cluster entry the simulator writes into both of its kubeconfigs. */
export const SIMULATOR_CLUSTER = 'kubelink-simulator';

export function readKubeconfig(file: string): Kubeconfig {
  const parsed = load(fs.readFileSync(file, 'utf8')) as Partial<Kubeconfig> | null;
  if (!parsed || typeof parsed !== 'object') throw new Error(`${file} is not a kubeconfig`);
  return {
    apiVersion: parsed.apiVersion ?? 'v1',
    kind: parsed.kind ?? 'Config',
    clusters: parsed.clusters ?? [],
    users: parsed.users ?? [],
    contexts: parsed.contexts ?? [],
    'current-context': parsed['current-context'],
    preferences: parsed.preferences ?? {},
  };
}

/** Merges kubeconfigs by kubectl's rule (the first entry of a name wins; the first current-context wins). */
export function mergeKubeconfigs(configs: Kubeconfig[]): Kubeconfig {
  const merged: Kubeconfig = { apiVersion: 'v1', kind: 'Config', clusters: [], users: [], contexts: [], preferences: {} };
  for (const c of configs) {
    for (const key of ['clusters', 'users', 'contexts'] as const) {
      for (const entry of c[key]) {
        if (!merged[key].some((e) => e.name === entry.name)) (merged[key] as Named<unknown>[]).push(entry);
      }
    }
    merged['current-context'] ??= c['current-context'];
  }
  return merged;
}

/** Adds (or replaces) a context and, when given, its user. */
export function withContext(
  config: Kubeconfig,
  context: { name: string; cluster: string; user: string; namespace?: string },
  user?: { name: string; user: Record<string, unknown> },
): Kubeconfig {
  const next: Kubeconfig = { ...config, contexts: config.contexts.filter((c) => c.name !== context.name), users: [...config.users] };
  next.contexts.push({ name: context.name, context: { cluster: context.cluster, user: context.user, ...(context.namespace ? { namespace: context.namespace } : {}) } });
  if (user) {
    next.users = next.users.filter((u) => u.name !== user.name);
    next.users.push(user);
  }
  return next;
}

/** The simulator's admin + restricted contexts and BROKEN_CONTEXT (exec plugin not on PATH), current context admin. */
export function demoKubeconfig(sim: { adminKubeconfig: string; restrictedKubeconfig: string }): Kubeconfig {
  const merged = mergeKubeconfigs([readKubeconfig(sim.adminKubeconfig), readKubeconfig(sim.restrictedKubeconfig)]);
  return withContext(
    merged,
    { name: BROKEN_CONTEXT, cluster: SIMULATOR_CLUSTER, user: 'kubelink-broken-exec', namespace: 'default' },
    {
      name: 'kubelink-broken-exec',
      user: {
        exec: {
          apiVersion: 'client.authentication.k8s.io/v1',
          command: MISSING_EXEC_PLUGIN,
          args: ['token'],
          interactiveMode: 'Never',
        },
      },
    },
  );
}

export function kubeconfigYaml(config: Kubeconfig, header?: string): string {
  const body = dump(config, { lineWidth: -1, noRefs: true });
  return (header ? header.replace(/^/gm, '# ') + '\n' : '') + body;
}

/** Writes in place, as VS Code saves a file (the sidecar's watcher debounces partial writes). */
export function writeKubeconfig(file: string, config: Kubeconfig, header?: string): void {
  fs.writeFileSync(file, kubeconfigYaml(config, header), { mode: 0o600 });
}
