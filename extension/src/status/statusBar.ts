import * as vscode from 'vscode';
import type { CatalogStore } from '../catalog/catalogStore';
import { isActivating, type ClusterStore } from '../clusters/clusterStore';
import type { Event } from '../sidecar/events';
import type { SidecarState } from '../sidecar/state';
import { statusItemId } from '../ids';
import type { ClusterStatus } from '../protocol';
import { t } from '../l10n';
import { strings } from '../strings';
import { statusView, type StatusView } from './statusView';

const backgrounds: Record<StatusView['severity'], vscode.ThemeColor | undefined> = {
  normal: undefined,
  warning: new vscode.ThemeColor('statusBarItem.warningBackground'),
  error: new vscode.ThemeColor('statusBarItem.errorBackground'),
};

/** Renders `statusView(state, catalog size)` onto one status-bar item; holds no state but the last sidecar state. */
export function createStatusBar(initial: SidecarState, onDidChangeState: Event<SidecarState>, catalog: CatalogStore, clusters?: ClusterStore): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(statusItemId, vscode.StatusBarAlignment.Left, 0);
  item.name = t(strings.statusName);
  let current = initial;
  const render = (state: SidecarState): void => {
    current = state;
    const entries = catalog.entries;
    const names = (wanted: (status: ClusterStatus) => boolean): string[] =>
      (clusters?.states ?? []).filter((c) => wanted(c.status)).map((c) => catalog.get(c.id)?.name ?? c.id);
    const view = statusView(state, t, {
      total: entries.length,
      invalid: entries.filter((e) => e.state === 'invalid').length,
      ready: names((status) => status === 'ready'),
      connecting: names(isActivating),
    });
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.command = view.command;
    item.backgroundColor = backgrounds[view.severity];
  };
  render(initial);
  item.show();
  return vscode.Disposable.from(
    item,
    onDidChangeState(render),
    catalog.onDidChange(() => render(current)),
    ...(clusters ? [clusters.onDidChange(() => render(current))] : []),
  );
}
