import * as vscode from 'vscode';
import { CommandIds } from '../ids';

export interface CommandTargets {
  readonly log: vscode.LogOutputChannel;
  restartSidecar(): Promise<void>;
}

/** The palette commands (category "Kubelink" in package.json). Each is a one-liner onto what Ctx owns. */
export function registerCommands(targets: CommandTargets): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandIds.showLog, () => targets.log.show()),
    vscode.commands.registerCommand(CommandIds.restartSidecar, () => targets.restartSidecar()),
  );
}
