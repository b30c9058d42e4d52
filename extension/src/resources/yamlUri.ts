import type { ResourceGetParams } from '../protocol';

/**
 * Open YAML's document address, VS Code-free: the path is what the editor tab shows (cluster, namespace, resource,
 * name), the query carries the exact `resources/get` parameters so a path that reads ambiguously still resolves.
 */
export interface YamlAddress {
  /** `/prod/default/pods/web-1.yaml`; cluster-scoped objects skip the namespace. */
  readonly path: string;
  readonly query: string;
}

export function yamlAddress(clusterName: string, params: ResourceGetParams): YamlAddress {
  const segments = [clusterName, params.namespace ?? undefined, params.resource, `${params.name}.yaml`].filter((s): s is string => s !== undefined);
  const query = new URLSearchParams({ cluster: params.clusterId, group: params.group, version: params.version, resource: params.resource, name: params.name });
  if (params.namespace) {
    query.set('namespace', params.namespace);
  }
  return { path: `/${segments.map((s) => s.replace(/\//g, '_')).join('/')}`, query: query.toString() };
}

/** The `resources/get` parameters back from a document's query; undefined when it is not one of ours (hand-typed). */
export function yamlParams(query: string): ResourceGetParams | undefined {
  const q = new URLSearchParams(query);
  const clusterId = q.get('cluster');
  const group = q.get('group');
  const version = q.get('version');
  const resource = q.get('resource');
  const name = q.get('name');
  if (clusterId === null || group === null || !version || !resource || !name) {
    return undefined;
  }
  return { clusterId, group, version, resource, name, namespace: q.get('namespace') ?? null };
}
