import type { ClusterHealth, HealthState } from '../../../extension/src/protocol';

/** A `cluster/health` as the sidecar sends it; override any field. */
export function health(clusterId: string, state: HealthState, overrides: Partial<ClusterHealth> = {}): ClusterHealth {
  const ready = state === 'ready';
  return {
    clusterId,
    state,
    cause: ready ? null : 'refused',
    message: ready ? null : 'The API server refused the connection. Check that it is running and the VPN is up.',
    attempt: state === 'reconnecting' || state === 'unauthorized' ? 1 : 0,
    nextRetryMs: state === 'reconnecting' ? 500 : null,
    generation: 1,
    since: '2026-11-27T15:00:00Z',
    ...overrides,
  };
}
