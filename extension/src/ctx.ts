import * as vscode from 'vscode';
import { CatalogStore } from './catalog/catalogStore';
import { CatalogSync } from './catalog/catalogSync';
import { ClusterConnections } from './clusters/clusterConnections';
import { ClusterFocus } from './clusters/clusterFocus';
import { ClusterStore } from './clusters/clusterStore';
import { createClustersView } from './clusters/clustersTree';
import { registerCatalogCommands, showCatalogError } from './commands/catalogCommands';
import { registerClusterCommands } from './commands/clusterCommands';
import { registerGraphQLCommands } from './commands/graphqlCommands';
import { registerEksCommands } from './eks/eksCommands';
import { EksKeys } from './eks/eksKeys';
import { registerSimulatedCommands } from './commands/simulatedCommands';
import { registerRancherImport } from './simulated/rancherImport';
import { registerHealthCommands } from './commands/healthCommands';
import { registerResourceCommands } from './commands/resourceCommands';
import { registerCommands } from './commands/register';
import { readAccessibleNamespaces, readLaunchConfig, watchSettings } from './config';
import { createHealthNotifier } from './health/healthNotifier';
import { yamlScheme } from './ids';
import { t } from './l10n';
import { ResourceTreeSource } from './resources/resourceTreeSource';
import { ResourceViews } from './resources/resourceViews';
import { YamlDocuments } from './resources/yamlDocuments';
import { createFeatureContext } from './commands/featureContext';
import { createLauncher } from './sidecar/launcher';
import { errorMessage } from './sidecar/errors';
import type { SidecarSession } from './sidecar/session';
import { Supervisor } from './sidecar/supervisor';
import { createNotifier } from './status/notifier';
import { createClusterStatusBar } from './status/clusterStatusBar';
import { createStatusBar } from './status/statusBar';

/**
 * Everything the extension owns while active: the log channel, the supervised sidecar, the catalog, the status bar,
 * the views and the commands. `dispose` stops the sidecar politely before releasing the rest.
 */
export class Ctx {
  readonly log: vscode.LogOutputChannel;
  readonly supervisor: Supervisor<SidecarSession>;
  /** The cluster catalog, reloaded from every new sidecar session; the tree renders from it. */
  readonly catalog = new CatalogStore();
  /** Each cluster's connection: status, last ClusterInfo and stage log; reset with every new sidecar session. */
  readonly clusters = new ClusterStore();
  /** The cluster the user last connected or selected; the cluster status-bar item shows it. */
  readonly focus = new ClusterFocus();
  private readonly disposables: vscode.Disposable[] = [];

  constructor(context: vscode.ExtensionContext) {
    this.log = vscode.window.createOutputChannel('Kubelink', { log: true });
    const version = (context.extension.packageJSON as { version?: string }).version ?? '0.0.0';
    this.log.info(`Kubelink ${version} activating (VS Code ${vscode.version}, extension host ${process.pid})`);

    this.supervisor = new Supervisor<SidecarSession>({
      launch: createLauncher({ extensionPath: context.extensionPath, config: readLaunchConfig, clientVersion: version, log: this.log, t }),
      log: this.log,
      t,
    });

    const log = this.log;
    const sync = new CatalogSync(this.catalog, this.supervisor, (error) => void showCatalogError(error, log));
    const catalog = this.catalog;
    // A new sidecar has no connected cluster: those that were connected reconnect by themselves, failures show in the tree.
    const connections: ClusterConnections = new ClusterConnections(this.clusters, this.supervisor, (ids) => {
      log.info(`Reconnecting ${ids.length} cluster(s) that were connected before the sidecar restarted`);
      for (const id of ids) {
        const contextName = catalog.get(id)?.contextName;
        connections.activate(id, contextName === undefined ? undefined : readAccessibleNamespaces(contextName)).catch((error: unknown) => {
          log.warn(`Could not reconnect ${catalog.get(id)?.name ?? id} after the sidecar restart: ${errorMessage(error)}`);
        });
      }
    });
    const clusterTargets = { log, catalog, connections, focus: this.focus };
    // Created after the connections, so a new sidecar session has reset the cluster store before the views see it.
    const views = new ResourceViews(this.clusters, this.supervisor);
    const yaml = new YamlDocuments(connections, catalog);
    this.disposables.push(
      createStatusBar(this.supervisor.state, this.supervisor.onDidChangeState, this.catalog, this.clusters),
      createClusterStatusBar(this.catalog, this.clusters, this.focus),
      createNotifier(this.supervisor.onDidChangeState, log),
      createFeatureContext(this.supervisor),
      createHealthNotifier(this.catalog, this.clusters),
      createClustersView(this.catalog, this.clusters, { source: new ResourceTreeSource(this.clusters, views, Date.now, t), focus: this.focus }),
      registerCommands({ log, restartSidecar: () => this.supervisor.restart() }),
      registerCatalogCommands({ log, store: this.catalog, sync }),
      registerClusterCommands(clusterTargets),
      registerHealthCommands(clusterTargets),
      registerGraphQLCommands(clusterTargets),
      registerEksCommands({ log, catalog, supervisor: this.supervisor, keys: new EksKeys(context.secrets, context.globalState) }),
      registerSimulatedCommands(clusterTargets),
      registerRancherImport({ log, secrets: context.secrets, supervisor: this.supervisor }),
      registerResourceCommands({ ...clusterTargets, views, yaml }),
      vscode.workspace.registerTextDocumentContentProvider(yamlScheme, yaml),
      watchSettings(this.supervisor, log),
      sync,
      views,
      yaml,
      connections,
      this.catalog,
      this.clusters,
      this.focus,
    );
  }

  start(): void {
    void this.supervisor.start();
  }

  async dispose(): Promise<void> {
    await this.supervisor.stop();
    this.supervisor.dispose();
    for (const disposable of this.disposables.splice(0)) {
      disposable.dispose();
    }
    this.log.dispose();
  }
}
