import type * as vscode from 'vscode';
import { Ctx } from './ctx';

// Wiring only: everything lives in Ctx and the modules it composes.
let ctx: Ctx | undefined;

export function activate(context: vscode.ExtensionContext): void {
  ctx = new Ctx(context);
  ctx.start();
}

/** VS Code waits (briefly) for this promise, which gives the sidecar its `shutdown` / `exit` before a kill. */
export async function deactivate(): Promise<void> {
  const current = ctx;
  ctx = undefined;
  await current?.dispose();
}
