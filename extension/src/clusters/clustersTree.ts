import * as vscode from 'vscode';
import { ViewIds } from '../ids';

/**
 * The Clusters view. It only renders: the clusters will come from a repository fed by the sidecar (`catalog/list`,
 * `catalog/changed`), which is not there yet, so the tree is empty and VS Code shows the view's welcome text
 * (`viewsWelcome` in package.json) in its place.
 */
export class ClustersTreeProvider implements vscode.TreeDataProvider<never> {
  private readonly changed = new vscode.EventEmitter<void>();

  readonly onDidChangeTreeData = this.changed.event;

  getTreeItem(element: never): vscode.TreeItem {
    return element;
  }

  getChildren(): never[] {
    return [];
  }

  dispose(): void {
    this.changed.dispose();
  }
}

export function createClustersView(): vscode.Disposable {
  const provider = new ClustersTreeProvider();
  const view = vscode.window.createTreeView(ViewIds.clusters, { treeDataProvider: provider, showCollapseAll: false });
  return vscode.Disposable.from(view, provider);
}
