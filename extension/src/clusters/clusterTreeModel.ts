import { TreeItemContexts, type TreeItemContext } from '../ids';
import { causeInWords } from '../health/healthWords';
import type { ClusterHealth, ClusterStageParams, ClusterStatus, StageLevel } from '../protocol';
import { strings, type Translate } from '../strings';
import type { ClusterState } from './clusterStore';
import type { ClusterItemView, IconView, StageItemView } from './treeViews';

/**
 * A valid cluster item as its connection changes it: icon, description, tooltip and contextValue per status, and the
 * stage log as its children. Pure, like catalogTreeModel, which calls it for every valid entry.
 */

export type { StageItemView } from './treeViews';

const stageIcons: Record<StageLevel, IconView> = {
  info: { id: 'check' },
  warning: { id: 'warning', color: 'list.warningForeground' },
  error: { id: 'error', color: 'testing.iconFailed' },
};

const statusContexts: Record<ClusterStatus, TreeItemContext> = {
  disconnected: TreeItemContexts.validCluster,
  connecting: TreeItemContexts.connectingCluster,
  accessible: TreeItemContexts.connectingCluster,
  ready: TreeItemContexts.connectedCluster,
  failed: TreeItemContexts.failedCluster,
};

export function clusterStatusView(view: ClusterItemView, state: ClusterState, t: Translate): ClusterItemView {
  const stages = state.stages.map((stage, index) => stageView(view.id, stage, index, t));
  const base = { ...view, stages, contextValue: statusContexts[state.status], connectsOnClick: state.status === 'disconnected' || state.status === 'failed' };
  const version = state.info?.version ?? undefined;
  switch (state.status) {
    case 'disconnected':
      return base;
    case 'connecting':
      return { ...base, icon: { id: 'sync~spin' }, description: t(strings.clusterConnecting), tooltip: `${view.tooltip}\n${t(strings.tooltipConnecting)}`, expanded: true };
    case 'accessible':
      return {
        ...base,
        icon: { id: 'sync~spin' },
        description: version ? t(strings.clusterCheckingVersion, version) : t(strings.clusterChecking),
        tooltip: `${view.tooltip}\n${t(strings.tooltipChecking)}`,
        expanded: true,
      };
    case 'ready': {
      const lost = state.health !== undefined && state.health.state !== 'ready' ? state.health : undefined;
      const description = version ? t(strings.clusterReadyVersion, version, view.description) : view.description;
      return {
        ...base,
        icon: lost ? healthIcons[lost.state] : { id: 'pass-filled', color: 'testing.iconPassed' },
        description: lost ? healthDescription(lost, t) : description,
        tooltip: [
          view.tooltip,
          version ? t(strings.tooltipReadyVersion, version) : t(strings.tooltipReady),
          lost ? t(strings.tooltipHealth, lost.message ?? causeInWords(lost, t)) : '',
          proxyLine(state, t),
        ]
          .filter((l) => l !== '')
          .join('\n'),
        expanded: false,
        browsable: true,
      };
    }
    case 'failed':
      return {
        ...base,
        icon: { id: 'error', color: 'testing.iconFailed' },
        description: t(strings.clusterFailed),
        tooltip: `${view.tooltip}\n${t(strings.tooltipFailed, state.error ?? state.info?.error ?? '')}`,
        expanded: true,
      };
  }
}

const healthIcons: Record<ClusterHealth['state'], IconView> = {
  ready: { id: 'pass-filled', color: 'testing.iconPassed' },
  disconnected: { id: 'debug-disconnect', color: 'testing.iconFailed' },
  reconnecting: { id: 'sync~spin', color: 'list.warningForeground' },
  unauthorized: { id: 'key', color: 'testing.iconFailed' },
};

/** While the health loop says the cluster is away; the status bar and the notification say more. */
function healthDescription(health: ClusterHealth, t: Translate): string {
  switch (health.state) {
    case 'reconnecting':
      return t(strings.clusterHealthReconnecting, health.attempt);
    case 'unauthorized':
      return t(strings.clusterHealthUnauthorized, causeInWords(health, t));
    case 'ready':
    case 'disconnected':
      return t(strings.clusterHealthLost, causeInWords(health, t));
  }
}

function proxyLine(state: ClusterState, t: Translate): string {
  const path = state.info?.proxyKubeconfigPath;
  return path ? t(strings.tooltipProxyKubeconfig, path) : '';
}

function stageView(clusterId: string, stage: ClusterStageParams, index: number, t: Translate): StageItemView {
  return {
    kind: 'stage',
    id: `${clusterId}/stage/${index}`,
    label: stage.stage,
    description: stage.message,
    tooltip: `${stage.message}\n${t(strings.stageTime, formatTime(stage.timestamp))}`,
    icon: stageIcons[stage.level],
    contextValue: TreeItemContexts.stage,
  };
}

/** Local time of day to the second; what does not parse is shown as sent. */
function formatTime(timestamp: string): string {
  const date = new Date(timestamp);
  return Number.isNaN(date.getTime()) ? timestamp : date.toLocaleTimeString();
}
