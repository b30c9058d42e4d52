import { CommandIds, type CommandId } from '../ids';
import type { SidecarState } from '../sidecar/state';
import { format, strings, type Translate } from '../strings';

/** What the status-bar item shows; the adapter copies it onto the item and maps `severity` to a theme colour. */
export interface StatusView {
  readonly text: string;
  readonly tooltip: string;
  readonly command: CommandId;
  readonly severity: 'normal' | 'warning' | 'error';
}

/** How many clusters the catalog holds; the ready tooltip mentions it. */
export interface CatalogCounts {
  readonly total: number;
  readonly invalid: number;
  /** Names of the ready clusters and of those connecting; the ready tooltip lists them. */
  readonly ready?: readonly string[];
  readonly connecting?: readonly string[];
}

/** The status bar as a pure function of the sidecar state (and the catalog's size): no history, one case per state. */
export function statusView(state: SidecarState, t: Translate = format, catalog?: CatalogCounts): StatusView {
  switch (state.kind) {
    case 'starting':
      return {
        text: t(strings.statusStarting),
        tooltip: state.restart === 0 ? t(strings.statusStartingTooltip) : t(strings.statusStartingAgainTooltip, state.restart),
        command: CommandIds.showLog,
        severity: state.restart === 0 ? 'normal' : 'warning',
      };
    case 'ready':
      return {
        text: t(strings.statusReady),
        tooltip: readyTooltip(state.info.serverVersion, state.info.capabilities.processId, catalog, t),
        command: CommandIds.showLog,
        severity: 'normal',
      };
    case 'restarting':
      return {
        text: t(strings.statusRestarting, state.attempt),
        tooltip: t(strings.statusRestartingTooltip, state.reason, seconds(state.delayMs), state.attempt),
        command: CommandIds.showLog,
        severity: 'warning',
      };
    case 'crashed':
      return { text: t(strings.statusFailed), tooltip: t(strings.statusCrashedTooltip, state.reason), command: CommandIds.showLog, severity: 'error' };
    case 'incompatible':
      return { text: t(strings.statusFailed), tooltip: t(strings.statusIncompatibleTooltip, state.message), command: CommandIds.showLog, severity: 'error' };
    case 'stopped':
      return { text: t(strings.statusStopped), tooltip: t(strings.statusStoppedTooltip), command: CommandIds.restartSidecar, severity: 'normal' };
  }
}

function readyTooltip(version: string, pid: number, catalog: CatalogCounts | undefined, t: Translate): string {
  const running = t(strings.statusReadyTooltip, version, pid);
  if (!catalog) {
    return running;
  }
  const parts = [running, t(strings.statusClusters, catalog.total, catalog.invalid)];
  if (catalog.ready?.length) {
    parts.push(t(strings.statusClustersReady, catalog.ready.join(', ')));
  }
  if (catalog.connecting?.length) {
    parts.push(t(strings.statusClustersConnecting, catalog.connecting.join(', ')));
  }
  return parts.join(' ');
}

/** 500 ms reads as "0.5 s", 30000 as "30 s". */
function seconds(ms: number): string {
  return String(Math.round(ms / 100) / 10);
}
