import * as vscode from 'vscode';
import { CommandIds } from '../ids';
import { t } from '../l10n';
import type { CatalogEntry } from '../protocol';
import { strings } from '../strings';
import { connected, pickCluster, targetOf, type ClusterCommandTargets } from './clusterCommands';
import { graphiqlBrowserUrl } from './graphqlUrl';
import { registerRegisterGraphQLCommand } from './registerGraphQL';
import { registerRunGatewayCommand } from './runGraphQLGateway';

/**
 * Open GraphQL for Cluster (the GraphiQL page of the sidecar's `/graphql/{id}`, its token in the URL fragment) and Copy
 * GraphQL Endpoint. The sidecar builds the schema from the cluster's OpenAPI when asked, so a failure names the cause.
 * Also Register Cluster for GraphQL… (registerGraphQL.ts) and Run GraphQL Gateway for Management Cluster (runGraphQLGateway.ts).
 */
export function registerGraphQLCommands(targets: ClusterCommandTargets): vscode.Disposable {
  const entryFor = async (arg?: unknown): Promise<CatalogEntry | undefined> =>
    targetOf(targets, arg) ?? targetOf(targets, targets.focus.id) ?? (await pickCluster(targets, t(strings.clusterPickGraphQL), connected));
  return vscode.Disposable.from(
    registerRegisterGraphQLCommand(targets),
    registerRunGatewayCommand(targets),
    vscode.commands.registerCommand(CommandIds.openGraphQL, async (arg?: unknown) => {
      const entry = await entryFor(arg);
      if (entry) {
        await withEndpoint(targets, entry, async (endpoint) => {
          const uiElsewhere = vscode.env.remoteName !== undefined || vscode.env.uiKind === vscode.UIKind.Web;
          await vscode.env.openExternal(vscode.Uri.parse(graphiqlBrowserUrl(endpoint.browserUrl, uiElsewhere), true));
        });
      }
    }),
    vscode.commands.registerCommand(CommandIds.copyGraphQLEndpoint, async (arg?: unknown) => {
      const entry = await entryFor(arg);
      if (entry) {
        await withEndpoint(targets, entry, async (endpoint) => {
          await vscode.env.clipboard.writeText(endpoint.url);
          void vscode.window.showInformationMessage(t(strings.graphQLCopied, entry.name, String(endpoint.kinds), endpoint.token));
        });
      }
    }),
  );
}

async function withEndpoint(
  targets: ClusterCommandTargets,
  entry: CatalogEntry,
  use: (endpoint: Awaited<ReturnType<ClusterCommandTargets['connections']['graphQLEndpoint']>>) => Promise<void>,
): Promise<void> {
  try {
    await use(await targets.connections.graphQLEndpoint(entry.id));
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    targets.log.warn(`GraphQL for ${entry.name}: ${message}`);
    void vscode.window.showErrorMessage(t(strings.graphQLFailed, entry.name, message));
  }
}
