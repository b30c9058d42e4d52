/**
 * The sidecar's rule for simulated-cluster names, checked as the user types (the sidecar checks again): the name becomes
 * the tenant namespace `cluster-<name>` and the prefix of node names, so a DNS label of at most 55 characters.
 */
export const maxSimulatedNameLength = 55;

export type NameProblem = 'empty' | 'tooLong' | 'notALabel' | 'taken';

export function simulatedNameProblem(name: string, taken: readonly string[]): NameProblem | undefined {
  if (name.length === 0) {
    return 'empty';
  }
  if (name.length > maxSimulatedNameLength) {
    return 'tooLong';
  }
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name)) {
    return 'notALabel';
  }
  return taken.includes(name) ? 'taken' : undefined;
}

/** Catalog ids of simulated entries are `simulated_<name>`. */
export function simulatedNameOf(catalogId: string): string | undefined {
  return catalogId.startsWith('simulated_') ? catalogId.slice('simulated_'.length) : undefined;
}
