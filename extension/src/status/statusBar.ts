import * as vscode from 'vscode';
import type { Event } from '../sidecar/events';
import type { SidecarState } from '../sidecar/state';
import { statusItemId } from '../ids';
import { t } from '../l10n';
import { strings } from '../strings';
import { statusView, type StatusView } from './statusView';

const backgrounds: Record<StatusView['severity'], vscode.ThemeColor | undefined> = {
  normal: undefined,
  warning: new vscode.ThemeColor('statusBarItem.warningBackground'),
  error: new vscode.ThemeColor('statusBarItem.errorBackground'),
};

/** Renders `statusView(state)` onto one status-bar item; holds no state of its own. */
export function createStatusBar(initial: SidecarState, onDidChangeState: Event<SidecarState>): vscode.Disposable {
  const item = vscode.window.createStatusBarItem(statusItemId, vscode.StatusBarAlignment.Left, 0);
  item.name = t(strings.statusName);
  const render = (state: SidecarState): void => {
    const view = statusView(state, t);
    item.text = view.text;
    item.tooltip = view.tooltip;
    item.command = view.command;
    item.backgroundColor = backgrounds[view.severity];
  };
  render(initial);
  item.show();
  const subscription = onDidChangeState(render);
  return vscode.Disposable.from(item, subscription);
}
