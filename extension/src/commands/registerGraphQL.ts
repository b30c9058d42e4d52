import * as vscode from 'vscode';
import { CommandIds } from '../ids';
import { t } from '../l10n';
import type { CatalogEntry } from '../protocol';
import { strings } from '../strings';
import { connected, pickCluster, targetOf, type ClusterCommandTargets } from './clusterCommands';

/** A DNS-1123 label, as the sidecar derives and checks it (ClusterAccessRegistration.DnsName). */
export function dnsName(text: string): string {
  const name = text.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
  return name.length === 0 ? 'cluster' : name.slice(0, 63).replace(/-+$/, '');
}

/**
 * Register Cluster for GraphQL…: the `clusteraccess create` verb for a connected cluster, into a management cluster the
 * user picks among the connected ones (its connected identity writes the Secrets and the ClusterAccess, so no second
 * kubeconfig is asked for). The sidecar does the work (`graphql/register`); this only asks the three questions.
 */
export function registerRegisterGraphQLCommand(targets: ClusterCommandTargets): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.registerGraphQL, async (arg?: unknown) => {
    const entry = targetOf(targets, arg) ?? (await pickCluster(targets, t(strings.clusterPickRegister), connected));
    if (!entry) {
      return;
    }
    const management = await pickCluster(targets, t(strings.clusterPickManagement, entry.name), connected);
    if (!management) {
      return;
    }
    const name = await vscode.window.showInputBox({
      title: t(strings.registerName),
      prompt: t(strings.registerNameInvalid),
      value: dnsName(entry.name),
      validateInput: (value) => (dnsName(value) === value ? undefined : t(strings.registerNameInvalid)),
    });
    if (name !== undefined) {
      await register(targets, entry, management, name);
    }
  });
}

async function register(targets: ClusterCommandTargets, entry: CatalogEntry, management: CatalogEntry, name: string): Promise<void> {
  try {
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: t(strings.registerProgress, entry.name, management.name) },
      () => targets.connections.registerClusterAccess({ clusterId: entry.id, managementClusterId: management.id, name }),
    );
    targets.log.info(`Registered ${entry.name} in ${management.name}: ${result.objects.join('; ')}`);
    void vscode.window.showInformationMessage(t(strings.registered, entry.name, management.name, result.name, result.objects.join(', ')));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    targets.log.warn(`Register ${entry.name} in ${management.name}: ${message}`);
    void vscode.window.showErrorMessage(t(strings.registerFailed, entry.name, management.name, message));
  }
}
