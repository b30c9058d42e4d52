import * as vscode from 'vscode';
import { CommandIds } from '../ids';
import { t } from '../l10n';
import type { CatalogEntry } from '../protocol';
import { strings } from '../strings';
import { connected, guarded, pickCluster, targetOf, type ClusterCommandTargets } from './clusterCommands';

/**
 * Reconnect Now, and the cluster status-bar item's menu (Reconnect Now, Disconnect, Show Log). Reconnect answers
 * once its attempt is done; how it went arrives as `cluster/health` like any other transition, so nothing is shown here
 * but a failure of the call itself.
 */
export function registerHealthCommands(targets: ClusterCommandTargets): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandIds.reconnect, async (arg?: unknown) => {
      const entry = targetOf(targets, arg) ?? (await pickCluster(targets, t(strings.clusterPickReconnect), connected));
      if (entry) {
        await reconnect(targets, entry);
      }
    }),
    vscode.commands.registerCommand(CommandIds.clusterActions, async (arg?: unknown) => {
      const entry = targetOf(targets, arg);
      if (entry) {
        await clusterActions(targets, entry);
      }
    }),
  );
}

function reconnect(targets: ClusterCommandTargets, entry: CatalogEntry): Promise<void> {
  targets.focus.set(entry.id);
  return guarded(targets, () => targets.connections.reconnect(entry.id));
}

async function clusterActions(targets: ClusterCommandTargets, entry: CatalogEntry): Promise<void> {
  // A cluster whose activation failed (or still runs) has no connection to skip the back-off of: connect it instead.
  const connected = targets.connections.store.get(entry.id).status === 'ready';
  const reconnectNow = {
    label: `$(refresh) ${t(strings.actionReconnectNow)}`,
    run: () => (connected ? reconnect(targets, entry) : vscode.commands.executeCommand(CommandIds.connect, entry.id)),
  };
  const disconnect = {
    label: `$(debug-disconnect) ${t(strings.actionDisconnect)}`,
    run: () => guarded(targets, () => targets.connections.deactivate(entry.id)),
  };
  const showLog = { label: `$(output) ${t(strings.actionShowLog)}`, run: () => Promise.resolve(targets.log.show()) };
  const picked = await vscode.window.showQuickPick([reconnectNow, disconnect, showLog], { placeHolder: t(strings.clusterActionsPlaceholder, entry.name) });
  await picked?.run();
}
