import type { ClusterHealth } from '../protocol';
import { format, strings, type Translate } from '../strings';
import { causeInWords, isCredentialProblem, retryIn } from './healthWords';

/**
 * What the notifier does next for one cluster. A disconnection episode begins at the first non-ready health and ends
 * when the cluster is ready again (or is disconnected, or the sidecar went away): one `open` per episode, `update`s in
 * place while it lasts, one `close`. Repeated failures inside an episode never open a second notification.
 */
export type EpisodeDecision =
  /**
   * Show the episode's one notification: `title` stays, `progress` is its first line of detail; `ssoProfile` names the
   * AWS profile whose SSO session must be renewed (`aws sso login`), when that is the credentials problem.
   */
  | {
      readonly kind: 'open';
      readonly clusterId: string;
      readonly credentials: boolean;
      readonly title: string;
      readonly progress: string;
      readonly ssoProfile: string | undefined;
    }
  /** Replace the open notification's detail. */
  | { readonly kind: 'update'; readonly clusterId: string; readonly progress: string }
  /** Close it; `reconnected` carries the short message to show after a recovery, undefined when the episode just ended. */
  | { readonly kind: 'close'; readonly clusterId: string; readonly reconnected: string | undefined };

interface Episode {
  readonly cause: string | null;
  progress: string;
}

/** Pure: health in, decisions out, one episode per cluster id. The adapter (healthNotifier.ts) renders the decisions. */
export class EpisodeTracker {
  private readonly open = new Map<string, Episode>();

  constructor(private readonly t: Translate = format) {}

  /** A health report of a connected cluster, named as the user knows it. */
  onHealth(name: string, health: ClusterHealth): EpisodeDecision | undefined {
    const id = health.clusterId;
    const episode = this.open.get(id);
    if (health.state === 'ready') {
      if (!episode) {
        return undefined;
      }
      this.open.delete(id);
      return { kind: 'close', clusterId: id, reconnected: this.t(strings.healthReconnected, name) };
    }
    const progress = this.progress(health, episode?.cause);
    if (!episode) {
      this.open.set(id, { cause: health.cause, progress });
      const credentials = isCredentialProblem(health);
      const title = this.t(credentials ? strings.healthCredentialsTitle : strings.healthLostTitle, name, causeInWords(health, this.t));
      const ssoProfile = credentials ? (health.ssoProfile ?? undefined) : undefined;
      return { kind: 'open', clusterId: id, credentials, title, progress, ssoProfile };
    }
    if (progress === episode.progress) {
      return undefined;
    }
    episode.progress = progress;
    return { kind: 'update', clusterId: id, progress };
  }

  /** The cluster was disconnected, or the sidecar session ended: its episode, if any, closes without a "reconnected". */
  onEnded(clusterId: string): EpisodeDecision | undefined {
    return this.open.delete(clusterId) ? { kind: 'close', clusterId, reconnected: undefined } : undefined;
  }

  /** Every open episode ends (the sidecar session is gone). */
  endAll(): EpisodeDecision[] {
    return [...this.open.keys()].flatMap((id) => this.onEnded(id) ?? []);
  }

  /** The detail line: the attempt and its delay, and the cause again only when it differs from the one in the title. */
  private progress(health: ClusterHealth, openedWith: string | null | undefined): string {
    const parts: string[] = [];
    if (openedWith !== undefined && health.cause !== openedWith) {
      parts.push(this.t(strings.healthNowCause, causeInWords(health, this.t)));
    }
    const next = retryIn(health, this.t);
    if (health.attempt > 0) {
      parts.push(next === null ? this.t(strings.healthAttempt, health.attempt) : this.t(strings.healthAttemptNext, health.attempt, next));
    } else {
      parts.push(this.t(strings.healthWaiting));
    }
    return parts.join(' · ');
  }
}
