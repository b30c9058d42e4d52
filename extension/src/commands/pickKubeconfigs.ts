import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import { t } from '../l10n';
import { strings } from '../strings';

/**
 * Asks for kubeconfig files or folders, many at once; answers their paths (none when cancelled). macOS's dialog can
 * pick files and folders together; on Windows and Linux a dialog allowing both shows a folder picker only
 * (OpenDialogOptions), so there the user first says which kind they want.
 */
export async function pickKubeconfigPaths(): Promise<string[]> {
  const kube = join(homedir(), '.kube');
  const base: vscode.OpenDialogOptions = {
    canSelectMany: true,
    title: t(strings.addSyncPathTitle),
    openLabel: t(strings.addSyncPathOpenLabel),
    defaultUri: vscode.Uri.file(existsSync(kube) ? kube : homedir()),
  };
  let options: vscode.OpenDialogOptions;
  if (process.platform === 'darwin') {
    options = { ...base, canSelectFiles: true, canSelectFolders: true };
  } else {
    const files = t(strings.addSyncPathPickFiles);
    const folder = t(strings.addSyncPathPickFolder);
    const kind = await vscode.window.showQuickPick([files, folder], { title: t(strings.addSyncPathTitle) });
    if (kind === undefined) {
      return [];
    }
    options = { ...base, canSelectFiles: kind === files, canSelectFolders: kind === folder };
  }
  const uris = await vscode.window.showOpenDialog(options);
  return (uris ?? []).map((uri) => uri.fsPath);
}
