import * as vscode from 'vscode';
import type { CatalogStore } from '../catalog/catalogStore';
import type { ClusterStore } from '../clusters/clusterStore';
import { runSsoLoginTerminal } from '../eks/ssoLogin';
import { CommandIds } from '../ids';
import { t } from '../l10n';
import { strings } from '../strings';
import { EpisodeTracker, type EpisodeDecision } from './episodes';

interface OpenNotification {
  report(message: string): void;
  close(): void;
}

/**
 * Renders EpisodeTracker's decisions. A network episode is one `withProgress` notification that stays until the
 * cluster is back, its detail updated in place, then a short "Reconnected to X". A credentials episode is one warning
 * with Open Kubeconfig / Reconnect Now, because the user has to act and a progress notification cannot carry buttons;
 * an EKS cluster whose SSO session expired while connected gets *Run aws sso login* first, which reconnects after it.
 */
export function createHealthNotifier(catalog: CatalogStore, clusters: ClusterStore): vscode.Disposable {
  const tracker = new EpisodeTracker(t);
  const open = new Map<string, OpenNotification>();
  const apply = (decision: EpisodeDecision | undefined): void => {
    if (!decision) {
      return;
    }
    switch (decision.kind) {
      case 'open':
        open.set(
          decision.clusterId,
          decision.credentials ? showCredentials(decision.clusterId, decision.title, decision.ssoProfile) : showProgress(decision.title, decision.progress),
        );
        return;
      case 'update':
        open.get(decision.clusterId)?.report(decision.progress);
        return;
      case 'close':
        open.get(decision.clusterId)?.close();
        open.delete(decision.clusterId);
        if (decision.reconnected !== undefined) {
          void vscode.window.showInformationMessage(decision.reconnected);
        }
        return;
    }
  };
  const follow = (id: string | undefined): void => {
    if (id === undefined) {
      tracker.endAll().forEach(apply);
      return;
    }
    const state = clusters.get(id);
    if (state.status !== 'ready' || state.health === undefined) {
      // Disconnected, failed or re-activating: this cluster's episode (if any) is over; the connect flow reports the rest.
      apply(tracker.onEnded(id));
      return;
    }
    apply(tracker.onHealth(catalog.get(id)?.name ?? id, state.health));
  };
  const subscription = clusters.onDidChange(follow);
  return new vscode.Disposable(() => {
    subscription.dispose();
    tracker.endAll().forEach(apply);
  });
}

function showProgress(title: string, first: string): OpenNotification {
  let report: (message: string) => void = () => undefined;
  let close: () => void = () => undefined;
  void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: false }, (progress) => {
    report = (message) => progress.report({ message });
    report(first);
    return new Promise<void>((resolve) => (close = resolve));
  });
  return { report: (message) => report(message), close: () => close() };
}

function showCredentials(clusterId: string, title: string, ssoProfile: string | undefined): OpenNotification {
  const openKubeconfig = t(strings.actionOpenKubeconfig);
  const reconnect = t(strings.actionReconnectNow);
  const ssoLogin = t(strings.eksSsoLogin);
  const actions = ssoProfile === undefined ? [openKubeconfig, reconnect] : [ssoLogin, reconnect];
  void vscode.window.showWarningMessage(title, ...actions).then(async (picked) => {
    if (picked === ssoLogin && ssoProfile !== undefined) {
      // One login, then one reconnect: a failed login leaves the episode's retries to the monitor, no second prompt.
      if (await runSsoLoginTerminal(vscode.window, ssoProfile, process.platform === 'win32')) {
        await vscode.commands.executeCommand(CommandIds.reconnect, clusterId);
      }
    } else if (picked === openKubeconfig) {
      await vscode.commands.executeCommand(CommandIds.openKubeconfig, clusterId);
    } else if (picked === reconnect) {
      await vscode.commands.executeCommand(CommandIds.reconnect, clusterId);
    }
  });
  return { report: () => undefined, close: () => undefined };
}
