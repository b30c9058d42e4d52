import * as vscode from 'vscode';
import { SettingIds } from './ids';
import type { LaunchConfig } from './sidecar/launcher';

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
