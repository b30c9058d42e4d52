import * as vscode from 'vscode';
import { CommandIds } from '../ids';
import { t } from '../l10n';
import type { CatalogEntry } from '../protocol';
import { errorMessage } from '../sidecar/errors';
import { simulatedNameOf, simulatedNameProblem, type NameProblem } from '../simulated/simulatedNames';
import { strings } from '../strings';
import { targetOf, type ClusterCommandTargets } from './clusterCommands';

const problemText: Record<NameProblem, keyof typeof strings> = {
  empty: 'simulatedNameEmpty',
  tooLong: 'simulatedNameTooLong',
  notALabel: 'simulatedNameNotALabel',
  taken: 'simulatedNameTaken',
};

/**
 * Create Simulated Cluster… and Delete Simulated Cluster. The sidecar answers a create at once (status creating); the
 * entry then appears under Simulated clusters through catalog/changed and follows its status, like any catalog change.
 */
export function registerSimulatedCommands(targets: ClusterCommandTargets): vscode.Disposable {
  const simulatedNames = (): string[] => targets.catalog.entries.flatMap((entry) => simulatedNameOf(entry.id) ?? []);
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandIds.createSimulatedCluster, async () => {
      const taken = simulatedNames();
      const name = await vscode.window.showInputBox({
        title: t(strings.simulatedCreateTitle),
        prompt: t(strings.simulatedCreatePrompt),
        value: nextName(taken),
        validateInput: (value) => {
          const problem = simulatedNameProblem(value, taken);
          return problem ? t(strings[problemText[problem]]) : undefined;
        },
      });
      if (name === undefined) {
        return;
      }
      try {
        await targets.connections.createSimulated(name);
        targets.log.info(`Simulated cluster ${name}: creating`);
      } catch (error) {
        void vscode.window.showErrorMessage(t(strings.simulatedCreateFailed, name, errorMessage(error)));
      }
    }),
    vscode.commands.registerCommand(CommandIds.deleteSimulatedCluster, async (arg?: unknown) => {
      const entry = simulatedTarget(targets, arg) ?? (await pickSimulated(targets));
      const name = entry && simulatedNameOf(entry.id);
      if (!name) {
        return;
      }
      const confirm = t(strings.simulatedDeleteConfirm);
      if ((await vscode.window.showWarningMessage(t(strings.simulatedDeleteQuestion, name), { modal: true }, confirm)) !== confirm) {
        return;
      }
      try {
        await targets.connections.deleteSimulated(name);
      } catch (error) {
        void vscode.window.showErrorMessage(t(strings.simulatedDeleteFailed, name, errorMessage(error)));
      }
    }),
  );
}

function simulatedTarget(targets: ClusterCommandTargets, arg: unknown): CatalogEntry | undefined {
  const entry = targetOf(targets, arg);
  return entry && simulatedNameOf(entry.id) ? entry : undefined;
}

async function pickSimulated(targets: ClusterCommandTargets): Promise<CatalogEntry | undefined> {
  const items = targets.catalog.entries.filter((entry) => simulatedNameOf(entry.id)).map((entry) => ({ label: entry.name, description: entry.source, entry }));
  if (items.length === 0) {
    void vscode.window.showInformationMessage(t(strings.simulatedNone));
    return undefined;
  }
  return (await vscode.window.showQuickPick(items, { placeHolder: t(strings.simulatedPickDelete) }))?.entry;
}

/** test-cluster-001, -002…: the first free one, so pressing Enter works. */
function nextName(taken: readonly string[]): string {
  for (let i = 1; ; i++) {
    const name = `test-cluster-${String(i).padStart(3, '0')}`;
    if (!taken.includes(name)) {
      return name;
    }
  }
}
