import type { ClusterState } from '../clusters/clusterStore';
import { causeInWords } from '../health/healthWords';
import { format, strings, type Translate } from '../strings';

/**
 * The focused cluster's status-bar item as a pure function of its state: text, tooltip and severity, which the
 * adapter (clusterStatusBar.ts) maps to `statusBarItem.errorBackground` / `warningBackground`.
 */
export interface ClusterStatusView {
  readonly text: string;
  readonly tooltip: string;
  readonly severity: 'normal' | 'warning' | 'error';
}

/**
 * Which cluster the item shows: the one the user last connected or selected while it is not disconnected, else the
 * first other cluster that is connected or connecting; undefined hides the item.
 */
export function focusedCluster(focus: string | undefined, states: readonly ClusterState[]): ClusterState | undefined {
  return states.find((state) => state.id === focus) ?? states[0];
}

/** Undefined for a disconnected cluster: the item is then hidden, the Clusters view says the rest. */
export function clusterStatusView(name: string, state: ClusterState, t: Translate = format): ClusterStatusView | undefined {
  const health = state.health;
  const more = t(strings.clusterStatusClick);
  switch (state.status) {
    case 'disconnected':
      return undefined;
    case 'failed':
      return { text: t(strings.clusterStatusFailed, name), tooltip: `${t(strings.tooltipFailed, state.error ?? '')} ${more}`, severity: 'error' };
    case 'connecting':
    case 'accessible':
      return { text: t(strings.clusterStatusConnecting, name), tooltip: `${t(strings.clusterStatusConnectingTooltip, name)} ${more}`, severity: 'warning' };
    case 'ready':
      break;
  }
  if (health === undefined || health.state === 'ready') {
    const version = state.info?.version;
    const tooltip = version ? t(strings.clusterStatusReadyTooltip, name, version) : t(strings.clusterStatusReadyTooltipNoVersion, name);
    return { text: t(strings.clusterStatusReady, name), tooltip: `${tooltip} ${more}`, severity: 'normal' };
  }
  // The cause in a few words: the sidecar's whole sentence (with its next step) is the notification's, not the tooltip's.
  const why = causeInWords(health, t);
  switch (health.state) {
    case 'disconnected':
      return { text: t(strings.clusterStatusLost, name), tooltip: `${t(strings.clusterStatusLostTooltip, name, why)} ${more}`, severity: 'error' };
    case 'reconnecting':
      return {
        text: t(strings.clusterStatusReconnecting, name, health.attempt),
        tooltip: `${t(strings.clusterStatusReconnectingTooltip, name, why, health.attempt)} ${more}`,
        severity: 'warning',
      };
    case 'unauthorized':
      return { text: t(strings.clusterStatusUnauthorized, name), tooltip: `${t(strings.clusterStatusUnauthorizedTooltip, name, why)} ${more}`, severity: 'error' };
  }
}
