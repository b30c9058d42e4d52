import type { CatalogEntry, CatalogError } from '../../../extension/src/protocol';

/** A valid entry of `source` (default the KUBECONFIG file under /home/me); override any field. */
export function entry(name: string, overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  const source = overrides.source ?? '/home/me/.kube/config';
  return {
    id: `id-${name}`,
    sourceKind: 'kubeconfig',
    name,
    contextName: name,
    source,
    sourceGroup: source,
    server: `https://${name}.example.com:6443`,
    user: `${name}-admin`,
    namespace: null,
    state: 'valid',
    error: null,
    isCurrentContext: false,
    line: 10,
    ...overrides,
  };
}

/** An invalid context: `error` is filled in at the context's own line unless overridden. */
export function broken(name: string, error: Partial<CatalogError> & Pick<CatalogError, 'code' | 'message'>, overrides: Partial<CatalogEntry> = {}): CatalogEntry {
  const base = entry(name, overrides);
  return { ...base, state: 'invalid', error: { file: base.source, line: base.line, ...error } };
}

/** The entry the sidecar sends for a file it cannot use at all: no context name, the file name as the name. */
export function unreadableFile(source: string, sourceGroup: string, error: Pick<CatalogError, 'code' | 'message' | 'line'>): CatalogEntry {
  return {
    id: `file-${source}`,
    sourceKind: 'kubeconfig',
    name: source.split('/').at(-1) ?? source,
    contextName: '',
    source,
    sourceGroup,
    server: null,
    user: null,
    namespace: null,
    state: 'invalid',
    error: { ...error, file: source },
    isCurrentContext: false,
    line: error.line,
  };
}
