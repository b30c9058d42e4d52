import * as vscode from 'vscode';
import { SidecarNotRunningError } from '../catalog/catalogSync';
import type { CatalogStore } from '../catalog/catalogStore';
import type { ClusterConnections } from '../clusters/clusterConnections';
import type { ClusterFocus } from '../clusters/clusterFocus';
import { isActivating, type ClusterState } from '../clusters/clusterStore';
import { readAccessibleNamespaces } from '../config';
import { CommandIds } from '../ids';
import { t } from '../l10n';
import { ErrorCodes, type CatalogEntry, type ClusterInfo } from '../protocol';
import { errorCode, errorMessage } from '../sidecar/errors';
import { strings } from '../strings';
import { openEntryKubeconfig } from './catalogCommands';

export interface ClusterCommandTargets {
  readonly log: vscode.LogOutputChannel;
  readonly catalog: CatalogStore;
  readonly connections: ClusterConnections;
  /** Set to each cluster the user connects; the cluster status-bar item follows it. */
  readonly focus: ClusterFocus;
}

export type Wanted = (entry: CatalogEntry, state: ClusterState) => boolean;
const valid: Wanted = (entry) => entry.state === 'valid';
export const connected: Wanted = (entry, state) => entry.state === 'valid' && state.status === 'ready';
const notDisconnected: Wanted = (entry, state) => entry.state === 'valid' && state.status !== 'disconnected';

/** Connect, Disconnect, Refresh, Open Terminal, Copy Proxy Kubeconfig Path and Set Default Namespace. */
export function registerClusterCommands(targets: ClusterCommandTargets): vscode.Disposable {
  const command = (id: string, placeHolder: string, wanted: Wanted, run: (entry: CatalogEntry) => Promise<unknown>): vscode.Disposable =>
    vscode.commands.registerCommand(id, async (arg?: unknown) => {
      const entry = targetOf(targets, arg) ?? (await pickCluster(targets, placeHolder, wanted));
      if (entry) {
        await run(entry);
      }
    });
  return vscode.Disposable.from(
    command(CommandIds.connect, t(strings.clusterPickConnect), valid, (entry) => connect(targets, entry)),
    command(CommandIds.disconnect, t(strings.clusterPickDisconnect), notDisconnected, (entry) => guarded(targets, () => targets.connections.deactivate(entry.id))),
    command(CommandIds.refreshCluster, t(strings.clusterPickRefresh), notDisconnected, (entry) => connect(targets, entry, true)),
    command(CommandIds.openTerminal, t(strings.clusterPickTerminal), valid, (entry) => openTerminal(targets, entry)),
    command(CommandIds.copyProxyKubeconfigPath, t(strings.clusterPickCopy), connected, (entry) => copyProxyKubeconfigPath(targets, entry)),
    command(CommandIds.setDefaultNamespace, t(strings.clusterPickNamespace), connected, (entry) => setDefaultNamespace(targets, entry)),
  );
}

/**
 * Connects (or refreshes) with a progress notification that reports each stage's message and closes when the
 * activation ends; a failure is one error message whose actions depend on the sidecar's error code. Answers the
 * ready ClusterInfo, or undefined when it failed (already told).
 */
export async function connect(targets: ClusterCommandTargets, entry: CatalogEntry, refresh = false): Promise<ClusterInfo | undefined> {
  const { connections } = targets;
  targets.focus.set(entry.id);
  const running = connections.activation(entry.id);
  if (running && !refresh) {
    // A second click joins the activation whose progress notification is already showing.
    return running.catch(() => undefined);
  }
  let activation: Promise<ClusterInfo>;
  try {
    activation = refresh ? connections.refresh(entry.id) : connections.activate(entry.id, readAccessibleNamespaces(entry.contextName));
  } catch (error) {
    await showConnectError(targets, entry, error);
    return undefined;
  }
  try {
    return await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t(strings.connectProgress, entry.name) }, async (progress) => {
      let reported = 0;
      const report = (): void => {
        const stages = connections.store.get(entry.id).stages;
        for (const stage of stages.slice(reported)) {
          progress.report({ message: stage.message });
        }
        reported = stages.length;
      };
      const subscription = connections.store.onDidChange((id) => {
        if (id === entry.id) {
          report();
        }
      });
      try {
        report();
        return await activation;
      } finally {
        subscription.dispose();
      }
    });
  } catch (error) {
    await showConnectError(targets, entry, error);
    return undefined;
  }
}

async function showConnectError(targets: ClusterCommandTargets, entry: CatalogEntry, error: unknown): Promise<void> {
  if (error instanceof SidecarNotRunningError) {
    void vscode.window.showErrorMessage(t(strings.catalogNotRunning));
    return;
  }
  const openKubeconfig = t(strings.actionOpenKubeconfig);
  const retry = t(strings.actionRetry);
  const showLog = t(strings.actionShowLog);
  const actions: Record<number, string[]> = {
    [ErrorCodes.ClusterUnauthorized]: [openKubeconfig],
    [ErrorCodes.CredentialPluginFailed]: [openKubeconfig],
    [ErrorCodes.ClusterInvalid]: [openKubeconfig],
    [ErrorCodes.ClusterUnreachable]: [retry, showLog],
    [ErrorCodes.ClusterForbidden]: [showLog],
  };
  const code = errorCode(error);
  const choice = await vscode.window.showErrorMessage(t(strings.connectFailed, entry.name, errorMessage(error)), ...((code !== undefined ? actions[code] : undefined) ?? [showLog]));
  if (choice === openKubeconfig) {
    await openEntryKubeconfig(targets.catalog.get(entry.id) ?? entry);
  } else if (choice === retry) {
    await connect(targets, targets.catalog.get(entry.id) ?? entry);
  } else if (choice === showLog) {
    targets.log.show();
  }
}

/** Connected first when needed (with the usual progress and errors), then a terminal whose kubectl goes through the proxy. */
async function openTerminal(targets: ClusterCommandTargets, entry: CatalogEntry): Promise<void> {
  const state = targets.connections.store.get(entry.id);
  const info = state.status === 'ready' && state.info ? state.info : await connect(targets, entry);
  const path = info?.proxyKubeconfigPath;
  if (!path) {
    return;
  }
  const terminal = vscode.window.createTerminal({ name: t(strings.terminalName, entry.name), env: { KUBECONFIG: path } });
  terminal.show();
}

async function copyProxyKubeconfigPath(targets: ClusterCommandTargets, entry: CatalogEntry): Promise<void> {
  const path = targets.connections.store.get(entry.id).info?.proxyKubeconfigPath;
  if (!path) {
    void vscode.window.showInformationMessage(t(strings.clusterNoneConnected));
    return;
  }
  await vscode.env.clipboard.writeText(path);
  void vscode.window.setStatusBarMessage(t(strings.copiedProxyKubeconfigPath, path), 3000);
}

/** A QuickPick of the cluster's namespaces; whatever is typed is offered too, for a namespace Kubelink cannot list. */
async function setDefaultNamespace(targets: ClusterCommandTargets, entry: CatalogEntry): Promise<void> {
  const info = targets.connections.store.get(entry.id).info;
  const namespaces = info?.namespaces ?? [];
  const current = info?.defaultNamespace ?? undefined;
  const listed = namespaces.map((name) => ({ label: name, description: name === current ? t(strings.namespaceCurrent) : undefined }));
  const picked = await new Promise<string | undefined>((resolve) => {
    const pick = vscode.window.createQuickPick<vscode.QuickPickItem>();
    pick.placeholder = t(strings.namespacePlaceholder, entry.name);
    pick.items = listed;
    pick.onDidChangeValue((value) => {
      const typed = value.trim();
      pick.items = typed === '' || namespaces.includes(typed) ? listed : [{ label: typed, description: t(strings.namespaceTyped) }, ...listed];
    });
    pick.onDidAccept(() => {
      resolve(pick.selectedItems[0]?.label ?? (pick.value.trim() || undefined));
      pick.hide();
    });
    pick.onDidHide(() => {
      resolve(undefined);
      pick.dispose();
    });
    pick.show();
  });
  if (picked === undefined) {
    return;
  }
  await guarded(targets, async () => {
    await targets.connections.setDefaultNamespace(entry.id, picked);
    void vscode.window.setStatusBarMessage(t(strings.namespaceSet, entry.name, picked), 5000);
  });
}

export async function guarded(targets: ClusterCommandTargets, run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    const message = error instanceof SidecarNotRunningError ? t(strings.catalogNotRunning) : t(strings.clusterCommandFailed, errorMessage(error));
    const showLog = t(strings.actionShowLog);
    if ((await vscode.window.showErrorMessage(message, showLog)) === showLog) {
      targets.log.show();
    }
  }
}

/** A tree node (a cluster item, or a node under one: it carries `clusterId`) or a catalog id; anything else means "ask". */
export function targetOf(targets: ClusterCommandTargets, arg: unknown): CatalogEntry | undefined {
  if (typeof arg === 'string') {
    return targets.catalog.get(arg);
  }
  if (typeof arg === 'object' && arg !== null && 'clusterId' in arg && typeof arg.clusterId === 'string') {
    return targets.catalog.get(arg.clusterId);
  }
  if (typeof arg === 'object' && arg !== null && 'kind' in arg && arg.kind === 'cluster' && 'entry' in arg) {
    const entry = arg.entry as CatalogEntry;
    return targets.catalog.get(entry.id) ?? entry;
  }
  return undefined;
}

export async function pickCluster(targets: ClusterCommandTargets, placeHolder: string, wanted: Wanted): Promise<CatalogEntry | undefined> {
  const { catalog, connections } = targets;
  const items = catalog.entries
    .filter((entry) => wanted(entry, connections.store.get(entry.id)))
    .map((entry) => {
      const status = connections.store.get(entry.id).status;
      return { label: entry.name, description: status === 'disconnected' ? undefined : isActivating(status) ? t(strings.clusterConnecting) : status, entry };
    });
  if (items.length === 0) {
    void vscode.window.showInformationMessage(wanted === valid ? t(strings.clusterNoneValid) : t(strings.clusterNoneConnected));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { placeHolder, matchOnDescription: true });
  return picked?.entry;
}
