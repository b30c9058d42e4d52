import * as vscode from 'vscode';
import type { LaunchConfig } from './sidecar/launcher';

/** The settings contributed in package.json. Both are machine-scoped: a workspace must not pick the executable we run. */
export const SettingIds = {
  sidecarPath: 'kubelink.sidecar.path',
  kubeconfigSyncPaths: 'kubelink.kubeconfig.syncPaths',
} as const;

export function readLaunchConfig(): LaunchConfig {
  const config = vscode.workspace.getConfiguration();
  const syncPaths = config.get<unknown>(SettingIds.kubeconfigSyncPaths);
  return {
    sidecarPath: config.get<string>(SettingIds.sidecarPath) || undefined,
    // settings.json is hand-edited: keep only strings rather than sending the sidecar whatever is there.
    settings: { kubeconfigSyncPaths: Array.isArray(syncPaths) ? syncPaths.filter((p): p is string => typeof p === 'string') : [] },
  };
}

/** Both settings are read at start-up by the sidecar, so a change means a restart. */
export function affectsSidecar(event: vscode.ConfigurationChangeEvent): boolean {
  return Object.values(SettingIds).some((id) => event.affectsConfiguration(id));
}
