import * as vscode from 'vscode';
import { CommandIds } from '../ids';
import { t } from '../l10n';
import { strings } from '../strings';
import { connected, pickCluster, targetOf, type ClusterCommandTargets } from './clusterCommands';

/**
 * Run GraphQL Gateway for Management Cluster: the sidecar runs the ClusterAccess listener against a connected cluster and
 * serves its schema files at `/graphql/{id}/{path}/graphql` until the cluster disconnects. The endpoint is copyable from the
 * message; callers bring their own token for the target, so no Kubelink token is shown.
 */
export function registerRunGatewayCommand(targets: ClusterCommandTargets): vscode.Disposable {
  return vscode.commands.registerCommand(CommandIds.runGraphQLGateway, async (arg?: unknown) => {
    const entry = targetOf(targets, arg) ?? targetOf(targets, targets.focus.id) ?? (await pickCluster(targets, t(strings.clusterPickGateway), connected));
    if (!entry) {
      return;
    }
    try {
      const gateway = await targets.connections.runGraphQLGateway(entry.id);
      const served = gateway.paths.length > 0 ? gateway.paths.map((p) => `/${p}/graphql`).join(', ') : t(strings.gatewayNone);
      const copy = t(strings.gatewayCopy);
      if ((await vscode.window.showInformationMessage(t(strings.gatewayRunning, entry.name, gateway.url, served), copy)) === copy) {
        await vscode.env.clipboard.writeText(gateway.url);
        void vscode.window.showInformationMessage(t(strings.gatewayCopied, gateway.url));
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      targets.log.warn(`GraphQL gateway of ${entry.name}: ${message}`);
      void vscode.window.showErrorMessage(t(strings.gatewayFailed, entry.name, message));
    }
  });
}
