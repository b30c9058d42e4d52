import type { ClusterInfo, ClusterStatus } from '../../../extension/src/protocol';

/** A ClusterInfo as the sidecar answers it for a connected admin; override any field. */
export function info(id: string, status: ClusterStatus, overrides: Partial<ClusterInfo> = {}): ClusterInfo {
  return {
    id,
    status,
    version: 'v1.32.4',
    isAdmin: true,
    canWatchAll: true,
    namespaces: ['default', 'kube-system'],
    namespaceSource: 'list',
    listableResources: [],
    permissionsComplete: true,
    proxyUrl: `https://127.0.0.1:4000/clusters/${id}`,
    proxyKubeconfigPath: `/state/clusters/${id}/proxy.kubeconfig`,
    defaultNamespace: 'default',
    error: null,
    ...overrides,
  };
}
