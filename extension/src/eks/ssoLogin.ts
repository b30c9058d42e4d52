import type * as vscode from 'vscode';
import { ErrorCodes } from '../protocol';
import { errorCode } from '../sidecar/errors';
import { ssoLoginCommand } from './eksModel';

/** What the SSO login flow needs from the editor (a fake in the unit tests). */
export interface SsoLoginUi {
  /** Shows the expired-session message with its *Run aws sso login* button; true when the user pressed it. */
  offerLogin(profile: string): Promise<boolean>;
  /** Runs `aws sso login --profile NAME` in a terminal; true when it exited 0. */
  runLogin(profile: string): Promise<boolean>;
}

/** How an EKS call ended: its value, an error still to show, or nothing more to say (the SSO message was shown). */
export type SsoOutcome<T> = { readonly kind: 'done'; readonly value: T } | { readonly kind: 'failed'; readonly error: unknown } | { readonly kind: 'handled' };

/**
 * One EKS call for `profile`: when the sidecar answers that the profile's SSO session has expired (or was never
 * started), the user is offered `aws sso login` once; after a successful login the call runs once more. A second
 * failure, SSO or not, is returned to be shown as it is: never a second prompt, never a loop.
 */
export async function callWithSsoLogin<T>(call: () => Promise<T>, profile: string | undefined, ui: SsoLoginUi): Promise<SsoOutcome<T>> {
  try {
    return { kind: 'done', value: await call() };
  } catch (error) {
    if (profile === undefined || errorCode(error) !== ErrorCodes.AwsSsoLoginRequired) {
      return { kind: 'failed', error };
    }
    if (!(await ui.offerLogin(profile)) || !(await ui.runLogin(profile))) {
      return { kind: 'handled' };
    }
  }
  try {
    return { kind: 'done', value: await call() };
  } catch (error) {
    return { kind: 'failed', error };
  }
}

type TerminalWindow = Pick<typeof vscode.window, 'createTerminal' | 'onDidCloseTerminal'>;

/** Opens a terminal running `aws sso login --profile NAME` (then `exit`), resolving when it closes: true when it exited 0. */
export function runSsoLoginTerminal(window: TerminalWindow, profile: string, windows: boolean): Promise<boolean> {
  const terminal = window.createTerminal({ name: `aws sso login (${profile})` });
  return new Promise((resolve) => {
    const subscription = window.onDidCloseTerminal((closed) => {
      if (closed === terminal) {
        subscription.dispose();
        resolve(closed.exitStatus?.code === 0);
      }
    });
    terminal.show();
    terminal.sendText(`${ssoLoginCommand(profile, windows)}; exit`);
  });
}
