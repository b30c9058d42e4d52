import type { ListableResource, ResourceColumn, ResourceRow } from '../../../extension/src/protocol';

export const podColumns: ResourceColumn[] = [
  { key: 'name', title: 'Name' },
  { key: 'namespace', title: 'Namespace' },
  { key: 'phase', title: 'Phase' },
  { key: 'ready', title: 'Ready' },
  { key: 'restarts', title: 'Restarts' },
  { key: 'node', title: 'Node' },
  { key: 'createdAt', title: 'Age' },
];

/** A pod row as the sidecar sends it; override any column. */
export function pod(name: string, namespace = 'default', overrides: Record<string, unknown> = {}): ResourceRow {
  return { name, namespace, uid: `uid-${namespace}-${name}`, createdAt: '2026-11-27T12:00:00Z', phase: 'Running', ready: '1/1', restarts: 0, node: 'node-a', ...overrides };
}

/** A LIST-able kind from the permission map. */
export function kind(group: string, resource: string, kindName: string, overrides: Partial<ListableResource> = {}): ListableResource {
  return { group, version: group === '' ? 'v1' : 'v1', resource, kind: kindName, namespaced: true, allNamespaces: true, namespaces: [], ...overrides };
}
