import * as vscode from 'vscode';
import type { CatalogStore } from '../catalog/catalogStore';
import type { ClusterConnections } from '../clusters/clusterConnections';
import { yamlScheme } from '../ids';
import { t } from '../l10n';
import type { ResourceGetParams } from '../protocol';
import { errorMessage } from '../sidecar/errors';
import { strings } from '../strings';
import { yamlAddress, yamlParams } from './yamlUri';

/**
 * Open YAML's read-only documents (`kubelink-yaml:` URIs): each read asks the sidecar for the object's current YAML
 * (`resources/get`, fresh from the API server). Opening the same object again re-reads it, so the command doubles as
 * refresh. A failure becomes the document's text, a YAML comment with the cause, rather than an empty editor.
 */
export class YamlDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly connections: ClusterConnections,
    private readonly catalog: CatalogStore,
  ) {}

  uri(params: ResourceGetParams): vscode.Uri {
    const { path, query } = yamlAddress(this.catalog.get(params.clusterId)?.name ?? params.clusterId, params);
    return vscode.Uri.from({ scheme: yamlScheme, path, query });
  }

  /** Opens (or re-reads, when already open) the object's YAML in an editor. */
  async open(params: ResourceGetParams): Promise<void> {
    const uri = this.uri(params);
    const open = vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === uri.toString());
    if (open) {
      this.changed.fire(uri);
    }
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.languages.setTextDocumentLanguage(document, 'yaml');
    await vscode.window.showTextDocument(document, { preview: true });
  }

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const params = yamlParams(uri.query);
    if (!params) {
      return `# ${t(strings.yamlUnknown)}\n`;
    }
    try {
      return (await this.connections.getResource(params)).yaml;
    } catch (error) {
      const what = `${params.resource}/${params.name}`;
      return `# ${t(strings.openYamlFailed, what, errorMessage(error)).replace(/\n/g, '\n# ')}\n`;
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
