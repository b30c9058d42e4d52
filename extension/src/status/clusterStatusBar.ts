import * as vscode from 'vscode';
import type { CatalogStore } from '../catalog/catalogStore';
import type { ClusterFocus } from '../clusters/clusterFocus';
import type { ClusterStore } from '../clusters/clusterStore';
import { clusterStatusItemId, CommandIds } from '../ids';
import { t } from '../l10n';
import { strings } from '../strings';
import { clusterStatusView, focusedCluster, type ClusterStatusView } from './clusterStatusView';

const backgrounds: Record<ClusterStatusView['severity'], vscode.ThemeColor | undefined> = {
  normal: undefined,
  warning: new vscode.ThemeColor('statusBarItem.warningBackground'),
  error: new vscode.ThemeColor('statusBarItem.errorBackground'),
};

/**
 * The focused cluster's item, beside the sidecar's: its state with the matching theme colour; a click offers Reconnect
 * Now, Disconnect and Show Log (`kubelink.clusterActions`). Hidden while no cluster is connected or connecting.
 */
export function createClusterStatusBar(catalog: CatalogStore, clusters: ClusterStore, focus: ClusterFocus): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(clusterStatusItemId, vscode.StatusBarAlignment.Left, -1);
  item.name = t(strings.clusterStatusName);
  const render = (): void => {
    const state = focusedCluster(focus.id, clusters.states);
    const view = state && clusterStatusView(catalog.get(state.id)?.name ?? state.id, state, t);
    if (!state || !view) {
      item.hide();
      return;
    }
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.backgroundColor = backgrounds[view.severity];
    item.command = { command: CommandIds.clusterActions, title: t(strings.clusterStatusName), arguments: [state.id] };
    item.show();
  };
  render();
  return vscode.Disposable.from(item, clusters.onDidChange(render), catalog.onDidChange(render), focus.onDidChange(render));
}
