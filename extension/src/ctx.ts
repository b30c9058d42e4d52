import * as vscode from 'vscode';
import { CatalogStore } from './catalog/catalogStore';
import { CatalogSync } from './catalog/catalogSync';
import { ClusterConnections } from './clusters/clusterConnections';
import { ClusterStore } from './clusters/clusterStore';
import { createClustersView } from './clusters/clustersTree';
import { registerCatalogCommands, showCatalogError } from './commands/catalogCommands';
import { registerClusterCommands } from './commands/clusterCommands';
import { registerCommands } from './commands/register';
import { readLaunchConfig, watchSettings } from './config';
import { t } from './l10n';
import { createLauncher } from './sidecar/launcher';
import type { SidecarSession } from './sidecar/session';
import { Supervisor } from './sidecar/supervisor';
import { createNotifier } from './status/notifier';
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
    const connections = new ClusterConnections(this.clusters, this.supervisor);
    this.disposables.push(
      createStatusBar(this.supervisor.state, this.supervisor.onDidChangeState, this.catalog, this.clusters),
      createNotifier(this.supervisor.onDidChangeState, log),
      createClustersView(this.catalog, this.clusters),
      registerCommands({ log, restartSidecar: () => this.supervisor.restart() }),
      registerCatalogCommands({ log, store: this.catalog, sync }),
      registerClusterCommands({ log, catalog: this.catalog, connections }),
      watchSettings(this.supervisor, log),
      sync,
      connections,
      this.catalog,
      this.clusters,
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
