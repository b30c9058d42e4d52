import * as vscode from 'vscode';
import { SettingIds } from './ids';
import { t } from './l10n';
import { accessibleNamespacesFor } from './clusters/accessibleNamespaces';
import { ErrorCodes, KubeconfigSetSyncPathsRequest } from './protocol';
import { errorCode, errorMessage } from './sidecar/errors';
import type { LaunchConfig } from './sidecar/launcher';
import type { SidecarSession } from './sidecar/session';
import type { Supervisor } from './sidecar/supervisor';
import { strings } from './strings';

export function readLaunchConfig(): LaunchConfig {
  const config = vscode.workspace.getConfiguration();
  return {
    sidecarPath: config.get<string>(SettingIds.sidecarPath) || undefined,
    settings: {
      kubeconfigSyncPaths: readSyncPaths(config),
      clusterRefreshIntervalSeconds: readRefreshInterval(config),
      healthProbeIntervalSeconds: readSeconds(config, SettingIds.healthProbeInterval),
      healthProbeTimeoutSeconds: readSeconds(config, SettingIds.healthProbeTimeout),
      reconnectMaxDelaySeconds: readSeconds(config, SettingIds.healthReconnectMaxDelay),
      eksInProcessToken: config.get<boolean>(SettingIds.eksInProcessToken) ?? true,
    },
  };
}

/**
 * A health setting in seconds; anything but a positive number means the sidecar's default. Fractions are kept (a
 * sub-second probe interval is legitimate on a LAN); the sidecar refuses values below its minimum with a message.
 */
function readSeconds(config: vscode.WorkspaceConfiguration, id: string): number | null {
  const value = config.get<unknown>(id);
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : null;
}

/** The sync paths as the user wrote them (`~` and all); the tree and the catalog commands read them too. */
export function readSyncPathsSetting(): string[] {
  return readSyncPaths(vscode.workspace.getConfiguration());
}

/** The namespaces `kubelink.clusters.accessibleNamespaces` configures for a context, read at each connect. */
export function readAccessibleNamespaces(contextName: string): string[] | undefined {
  return accessibleNamespacesFor(vscode.workspace.getConfiguration().get<unknown>(SettingIds.clustersAccessibleNamespaces), contextName);
}

/** Seconds between metadata refreshes of connected clusters; anything but a positive number means the sidecar's default. */
function readRefreshInterval(config: vscode.WorkspaceConfiguration): number | null {
  const value = config.get<unknown>(SettingIds.clusterRefreshInterval);
  return typeof value === 'number' && Number.isFinite(value) && value >= 1 ? Math.floor(value) : null;
}

/** settings.json is hand-edited: keep only strings rather than sending the sidecar whatever is there. */
function readSyncPaths(config: vscode.WorkspaceConfiguration): string[] {
  const value = config.get<unknown>(SettingIds.kubeconfigSyncPaths);
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string') : [];
}

/**
 * Applies setting changes: another sidecar path needs another process, so that restarts; new sync paths go to the
 * running sidecar (a stopped one reads them in its next `initialize`).
 */
export function watchSettings(supervisor: Supervisor<SidecarSession>, log: vscode.LogOutputChannel): vscode.Disposable {
  return vscode.workspace.onDidChangeConfiguration((event) => {
    if (event.affectsConfiguration(SettingIds.sidecarPath)) {
      log.info(`${SettingIds.sidecarPath} changed; restarting the sidecar`);
      void supervisor.restart();
    } else if (event.affectsConfiguration(SettingIds.kubeconfigSyncPaths)) {
      const paths = readSyncPathsSetting();
      // Every failure is logged by the client; a setting the sidecar rejects is also the user's to fix, so say so.
      void supervisor.session?.client.request(KubeconfigSetSyncPathsRequest, { paths }).catch((error: unknown) => {
        if (errorCode(error) === ErrorCodes.InvalidSettings) {
          void showSettingsError(errorMessage(error));
        }
      });
    }
  });
}

async function showSettingsError(message: string): Promise<void> {
  const open = t(strings.actionOpenSettings);
  if ((await vscode.window.showErrorMessage(message, open)) === open) {
    await vscode.commands.executeCommand('workbench.action.openSettings', SettingIds.kubeconfigSyncPaths);
  }
}
