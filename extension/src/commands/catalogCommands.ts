import { homedir } from 'node:os';
import * as vscode from 'vscode';
import type { CatalogStore } from '../catalog/catalogStore';
import { SidecarNotRunningError, type CatalogSync } from '../catalog/catalogSync';
import { catalogTreeModel, kubeconfigLocation, type CatalogTreeNode, type ClusterItemView } from '../catalog/catalogTreeModel';
import { pathKind } from '../catalog/pathKind';
import { describeSyncPaths, shortenHome, withAddedPaths, withoutPath } from '../catalog/syncPaths';
import { readSyncPathsSetting } from '../config';
import { CommandIds, SettingIds, ViewIds } from '../ids';
import { t } from '../l10n';
import { errorMessage } from '../sidecar/errors';
import type { CatalogEntry } from '../protocol';
import { strings } from '../strings';
import { pickKubeconfigPaths } from './pickKubeconfigs';

export interface CatalogCommandTargets {
  readonly log: vscode.LogOutputChannel;
  readonly store: CatalogStore;
  readonly sync: CatalogSync;
}

/** The catalog's commands: sync paths go through the setting (whose listener tells the sidecar), the rest through the sync. */
export function registerCatalogCommands(targets: CatalogCommandTargets): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandIds.addSyncPath, addSyncPath),
    vscode.commands.registerCommand(CommandIds.removeSyncPath, removeSyncPath),
    vscode.commands.registerCommand(CommandIds.refreshCatalog, () => refreshCatalog(targets)),
    vscode.commands.registerCommand(CommandIds.openKubeconfig, (node?: unknown) => openKubeconfig(targets.store, node)),
  );
}

/** One readable message per failure, with the log one click away (the call itself was logged by `loggedCall`). */
export async function showCatalogError(error: unknown, log: vscode.LogOutputChannel): Promise<void> {
  const message = error instanceof SidecarNotRunningError ? t(strings.catalogNotRunning) : t(strings.catalogFailed, errorMessage(error));
  const showLog = t(strings.actionShowLog);
  if ((await vscode.window.showErrorMessage(message, showLog)) === showLog) {
    log.show();
  }
}

async function addSyncPath(): Promise<void> {
  const picked = await pickKubeconfigPaths();
  if (picked.length === 0) {
    return;
  }
  const home = homedir();
  const { paths, duplicates } = withAddedPaths(readSyncPathsSetting(), picked, home);
  if (duplicates.length > 0) {
    void vscode.window.showInformationMessage(t(strings.addSyncPathAlreadySynced, duplicates.map((p) => shortenHome(p, home)).join(', ')));
  }
  if (duplicates.length < picked.length) {
    // Machine-scoped setting: user settings. The configuration listener (config.ts) forwards it to the sidecar.
    await vscode.workspace.getConfiguration().update(SettingIds.kubeconfigSyncPaths, paths, vscode.ConfigurationTarget.Global);
  }
}

async function removeSyncPath(node?: unknown): Promise<void> {
  const current = readSyncPathsSetting();
  let target = isNode(node) && node.kind === 'source' ? node.path : undefined;
  if (target === undefined) {
    if (current.length === 0) {
      void vscode.window.showInformationMessage(t(strings.removeSyncPathNone));
      return;
    }
    target = await vscode.window.showQuickPick(current, { placeHolder: t(strings.removeSyncPathPlaceholder) });
  }
  if (target !== undefined) {
    await vscode.workspace.getConfiguration().update(SettingIds.kubeconfigSyncPaths, withoutPath(current, target, homedir()), vscode.ConfigurationTarget.Global);
  }
}

async function refreshCatalog({ sync, log }: CatalogCommandTargets): Promise<void> {
  try {
    // A progress bar on the view itself: the answer usually takes milliseconds, a slow network mount longer.
    await vscode.window.withProgress({ location: { viewId: ViewIds.clusters } }, () => sync.refresh());
  } catch (error) {
    await showCatalogError(error, log);
  }
}

/** From a tree item, a catalog id (the credentials notification passes one), or else a pick. */
async function openKubeconfig(store: CatalogStore, node?: unknown): Promise<void> {
  const entry = typeof node === 'string' ? store.get(node) : isNode(node) && node.kind === 'cluster' ? node.entry : (await pickCluster(store))?.entry;
  if (entry) {
    await openEntryKubeconfig(entry);
  }
}

/** Opens the entry's kubeconfig where it matters: at its error, else at the context's definition. */
export async function openEntryKubeconfig(entry: CatalogEntry): Promise<void> {
  const { file, line } = kubeconfigLocation(entry);
  try {
    const kind = pathKind(file);
    if (kind === 'folder') {
      // A sync folder that cannot be listed: there is no text to open, so show the folder itself.
      await vscode.commands.executeCommand('revealFileInOS', vscode.Uri.file(file));
      return;
    }
    if (kind === 'special') {
      // A pipe or a device (KUBECONFIG=/dev/zero): opening it would hang or flood the editor; the reason is all there is.
      void vscode.window.showWarningMessage(t(strings.openKubeconfigSpecial, file, entry.error?.message ?? ''));
      return;
    }
    const document = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const editor = await vscode.window.showTextDocument(document);
    if (line !== null) {
      // Catalog lines are 1-based, editor positions 0-based; validateRange copes with a file that got shorter since.
      const range = document.validateRange(new vscode.Range(line - 1, 0, line - 1, 0));
      editor.selection = new vscode.Selection(range.start, range.start);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenter);
    }
  } catch (error) {
    void vscode.window.showErrorMessage(t(strings.openKubeconfigFailed, file, errorMessage(error)));
  }
}

/** From the palette: every entry, in tree order, described as in the tree. */
async function pickCluster(store: CatalogStore): Promise<ClusterItemView | undefined> {
  const home = homedir();
  const groups = catalogTreeModel(store.entries, { home, syncPaths: describeSyncPaths(readSyncPathsSetting(), home), t });
  const items = groups.flatMap((group) => group.items.map((view) => ({ label: view.label, description: view.description, detail: shortenHome(view.entry.source, home), view })));
  const picked = await vscode.window.showQuickPick(items, { placeHolder: t(strings.openKubeconfigPlaceholder), matchOnDescription: true, matchOnDetail: true });
  return picked?.view;
}

/** Menu commands get the tree node; palette commands get nothing (or, from a keybinding, anything). */
function isNode(value: unknown): value is CatalogTreeNode {
  return typeof value === 'object' && value !== null && 'kind' in value && (value.kind === 'source' || value.kind === 'cluster');
}
