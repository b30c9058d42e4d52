import type { SidecarState } from '../sidecar/state';
import { format, strings, type Translate } from '../strings';

export type NoticeAction = 'showLog' | 'restart' | 'openSettings';

/** A notification to show; the adapter renders it with `showWarningMessage` / `showErrorMessage` and runs the action picked. */
export interface Notice {
  readonly severity: 'warning' | 'error';
  readonly message: string;
  readonly actions: readonly NoticeAction[];
}

/**
 * Decides which state changes deserve a notification. The user hears once per outage ("restarting…"), not once per
 * attempt, and once more only when we stop trying; getting back to `ready` is visible in the status bar alone.
 */
export class NoticePolicy {
  private toldAboutOutage = false;

  constructor(private readonly t: Translate = format) {}

  next(state: SidecarState): Notice | undefined {
    const t = this.t;
    switch (state.kind) {
      case 'ready':
      case 'stopped':
        this.toldAboutOutage = false;
        return undefined;
      case 'starting':
        return undefined;
      case 'restarting':
        if (this.toldAboutOutage) {
          return undefined;
        }
        this.toldAboutOutage = true;
        return { severity: 'warning', message: t(strings.noticeRestarting, state.reason), actions: ['showLog'] };
      case 'crashed':
        this.toldAboutOutage = true;
        return state.cause === 'gaveUp'
          ? { severity: 'error', message: t(strings.noticeGaveUp, state.crashes, state.reason), actions: ['showLog', 'restart'] }
          : { severity: 'error', message: t(strings.noticeCannotStart, state.reason), actions: ['showLog', 'openSettings', 'restart'] };
      case 'incompatible':
        this.toldAboutOutage = true;
        return { severity: 'error', message: t(strings.noticeIncompatible, state.message), actions: ['showLog'] };
    }
  }
}
