/**
 * The setting `kubelink.clusters.accessibleNamespaces`: context name → the namespaces to use for that cluster, for a
 * user who may not list namespaces. VS Code-free, so the lookup is unit-tested; `config.ts` reads the setting.
 */

/**
 * The namespaces configured for `contextName` in the setting's `value` (as settings.json holds it: hand-edited, so
 * anything), or undefined when there is no usable entry. Non-strings and blank names are dropped, names are trimmed
 * and deduplicated in order; an entry that leaves nothing is no entry (the sidecar then lists namespaces itself).
 */
export function accessibleNamespacesFor(value: unknown, contextName: string): string[] | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || contextName === '') {
    return undefined;
  }
  if (!Object.prototype.hasOwnProperty.call(value, contextName)) {
    return undefined;
  }
  const entry = (value as Record<string, unknown>)[contextName];
  if (!Array.isArray(entry)) {
    return undefined;
  }
  const names: string[] = [];
  for (const item of entry) {
    const name = typeof item === 'string' ? item.trim() : '';
    if (name !== '' && !names.includes(name)) {
      names.push(name);
    }
  }
  return names.length > 0 ? names : undefined;
}
