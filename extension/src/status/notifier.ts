import * as vscode from 'vscode';
import { CommandIds, extensionId } from '../ids';
import { t } from '../l10n';
import type { Event } from '../sidecar/events';
import type { SidecarState } from '../sidecar/state';
import { strings } from '../strings';
import { NoticePolicy, type NoticeAction } from './notices';

const labels: Record<NoticeAction, string> = {
  showLog: strings.actionShowLog,
  restart: strings.actionRestart,
  openSettings: strings.actionOpenSettings,
};

/** Shows the notifications NoticePolicy asks for and runs the button the user picks. */
export function createNotifier(onDidChangeState: Event<SidecarState>, log: vscode.LogOutputChannel): vscode.Disposable {
  const policy = new NoticePolicy(t);
  return onDidChangeState((state) => {
    const notice = policy.next(state);
    if (!notice) {
      return;
    }
    const show = notice.severity === 'error' ? vscode.window.showErrorMessage : vscode.window.showWarningMessage;
    const byLabel = new Map(notice.actions.map((action) => [t(labels[action]), action]));
    void show(notice.message, ...byLabel.keys()).then((picked) => {
      const action = picked === undefined ? undefined : byLabel.get(picked);
      return action && run(action, log);
    });
  });
}

async function run(action: NoticeAction, log: vscode.LogOutputChannel): Promise<void> {
  switch (action) {
    case 'showLog':
      log.show();
      return;
    case 'restart':
      await vscode.commands.executeCommand(CommandIds.restartSidecar);
      return;
    case 'openSettings':
      // All of Kubelink's settings: the cause may be the sidecar path or a setting the sidecar refused.
      await vscode.commands.executeCommand('workbench.action.openSettings', `@ext:${extensionId}`);
      return;
  }
}
