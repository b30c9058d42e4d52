import type { ClusterHealth } from '../protocol';
import { strings, type Translate } from '../strings';

/**
 * The health `cause` codes of the contract, in the user's words. Credential problems (401, 403, a failing exec
 * plugin) are not network faults: they get words that point at the credentials, and the episode says so (see episodes.ts).
 */
const causeWords: Record<string, string> = {
  refused: strings.causeRefused,
  reset: strings.causeReset,
  timeout: strings.causeTimeout,
  tls: strings.causeTls,
  dns: strings.causeDns,
  http: strings.causeHttp,
  unauthorized: strings.causeUnauthorized,
  forbidden: strings.causeForbidden,
  credentials: strings.causeCredentials,
  network: strings.causeNetwork,
  kubeconfig: strings.causeKubeconfig,
};

/**
 * A cause code the contract may grow later is shown as the sidecar's own message (without its final full stop, as the
 * templates add their own), else as the code itself.
 */
export function causeInWords(health: ClusterHealth, t: Translate): string {
  const words = health.cause === null ? undefined : causeWords[health.cause];
  return words !== undefined ? t(words) : (health.message?.replace(/\.\s*$/, '') ?? health.cause ?? t(strings.causeUnknown));
}

/** Whether the user, not the network, has to act: the credentials were refused or could not be produced. */
export function isCredentialProblem(health: ClusterHealth): boolean {
  return health.state === 'unauthorized' || health.cause === 'unauthorized' || health.cause === 'forbidden' || health.cause === 'credentials';
}

/** "in 4 s", "in 0.5 s"; null when no attempt is scheduled. */
export function retryIn(health: ClusterHealth, t: Translate): string | null {
  if (health.nextRetryMs === null) {
    return null;
  }
  const seconds = health.nextRetryMs < 1000 ? Math.round(health.nextRetryMs / 100) / 10 : Math.round(health.nextRetryMs / 1000);
  return t(strings.healthRetryIn, seconds);
}
