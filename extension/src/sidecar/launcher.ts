import type { SidecarSettings } from '../protocol';
import { SidecarStartError } from './errors';
import { locateSidecar } from './locate';
import { startSession, type SessionOptions, type SidecarSession } from './session';

/** What the user configured, read afresh on every launch so a restart picks up changed settings. */
export interface LaunchConfig {
  readonly sidecarPath: string | undefined;
  readonly settings: SidecarSettings;
}

export interface LauncherOptions extends Omit<SessionOptions, 'launch' | 'settings' | 'clientName'> {
  readonly extensionPath: string;
  readonly config: () => LaunchConfig;
  readonly clientName?: string;
}

export const clientName = 'Kubelink for VS Code';

/** The supervisor's `launch`: find the sidecar (or say why not; that is not worth retrying), then start a session. */
export function createLauncher(options: LauncherOptions): () => Promise<SidecarSession> {
  return () => {
    const { sidecarPath, settings } = options.config();
    const located = locateSidecar({ settingPath: sidecarPath, extensionPath: options.extensionPath, ...(options.t ? { t: options.t } : {}) });
    if (!located.found) {
      return Promise.reject(new SidecarStartError(located.message, false));
    }
    return startSession({ ...options, clientName: options.clientName ?? clientName, launch: located.launch, settings });
  };
}
