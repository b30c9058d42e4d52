import * as fs from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CatalogStore } from '../catalog/catalogStore';
import { CommandIds } from '../ids';
import { t } from '../l10n';
import { CatalogRefreshRequest, EksConnectRequest, EksDisconnectRequest, EksListClustersRequest } from '../protocol';
import { errorMessage } from '../sidecar/errors';
import type { SidecarSession } from '../sidecar/session';
import type { Supervisor } from '../sidecar/supervisor';
import { strings } from '../strings';
import type { EksKeys } from './eksKeys';
import { clusterPickRows, commonRegions, credentialsOf, profileNames, type CredentialChoice } from './eksModel';
import { callWithSsoLogin, runSsoLoginTerminal, type SsoLoginUi } from './ssoLogin';

export interface EksTargets {
  readonly log: vscode.LogOutputChannel;
  readonly catalog: CatalogStore;
  readonly supervisor: Supervisor<SidecarSession>;
  readonly keys: EksKeys;
}

/** Add EKS Clusters… (credentials → region → the clusters found), Remove EKS Connection, Refresh EKS Clusters. */
export function registerEksCommands(targets: EksTargets): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandIds.addEksClusters, () => addClusters(targets)),
    vscode.commands.registerCommand(CommandIds.removeEksConnection, (arg?: unknown) => removeConnection(targets, arg)),
    vscode.commands.registerCommand(CommandIds.refreshEksClusters, () => run(targets, undefined, (client) => client.request0(CatalogRefreshRequest))),
    // A new sidecar has no typed keys: hand each typed-key connection its keys again, so it is valid before any click.
    targets.supervisor.onDidChangeState((state) => {
      if (state.kind === 'ready') {
        void resendKeys(targets);
      }
    }),
  );
}

async function addClusters(targets: EksTargets): Promise<void> {
  const choice = await pickCredentials();
  const region = choice && (await pickRegion());
  if (!choice || !region) {
    return;
  }
  const credentials = credentialsOf(choice);
  const listed = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: t(strings.eksListing, region) }, () =>
    run(targets, choice, (client) => client.request(EksListClustersRequest, { credentials, region })),
  );
  if (!listed) {
    return;
  }
  const label = choice.kind === 'profile' ? t(strings.eksProfileItem, choice.profile) : choice.kind === 'keys' ? t(strings.eksKeysItem) : t(strings.eksDefaultItem);
  if (listed.clusters.length === 0) {
    void vscode.window.showInformationMessage(t(strings.eksNoClusters, region, label));
    return;
  }
  const rows = clusterPickRows(listed.clusters, Date.now(), t);
  const picked = await vscode.window.showQuickPick(rows, { canPickMany: true, placeHolder: t(strings.eksPickClusters, String(rows.length), region) });
  let added = 0;
  // A cluster that is not ACTIVE is added too: the tree shows it with its status and why it cannot connect yet.
  for (const row of picked ?? []) {
    const entry = await run(targets, choice, (client) => client.request(EksConnectRequest, { credentials, region, name: row.name }));
    if (entry && choice.kind === 'keys') {
      await targets.keys.save({ region, name: row.name }, credentials);
    }
    added += entry ? 1 : 0;
  }
  if (added > 0) {
    void vscode.window.showInformationMessage(t(strings.eksAdded, String(added)));
  }
}

async function removeConnection(targets: EksTargets, arg?: unknown): Promise<void> {
  const fromTree = typeof arg === 'object' && arg !== null && 'id' in arg && typeof arg.id === 'string' ? arg.id : undefined;
  const eks = targets.catalog.entries.filter((entry) => entry.sourceKind === 'eks');
  if (eks.length === 0) {
    void vscode.window.showInformationMessage(t(strings.eksNoConnections));
    return;
  }
  const id =
    fromTree ?? (await vscode.window.showQuickPick(eks.map((entry) => ({ label: entry.name, description: entry.sourceGroup, id: entry.id })), { placeHolder: t(strings.eksPickRemove) }))?.id;
  if (id !== undefined && (await run(targets, undefined, (client) => client.request(EksDisconnectRequest, { clusterId: id }))) !== undefined) {
    await targets.keys.forget(id);
  }
}

async function resendKeys(targets: EksTargets): Promise<void> {
  for (const connection of targets.keys.list()) {
    const credentials = await targets.keys.get(connection);
    const client = targets.supervisor.session?.client;
    if (credentials && client) {
      await client.request(EksConnectRequest, { credentials, region: connection.region, name: connection.name }).catch((error: unknown) => {
        targets.log.warn(`EKS ${connection.name} (${connection.region}): the saved keys were not accepted: ${errorMessage(error)}`);
      });
    }
  }
}

type Client = SidecarSession['client'];

const ssoUi: SsoLoginUi = {
  offerLogin: async (profile) => (await vscode.window.showErrorMessage(t(strings.eksSsoExpired, profile), t(strings.eksSsoLogin))) !== undefined,
  runLogin: (profile) => runSsoLoginTerminal(vscode.window, profile, process.platform === 'win32'),
};

/**
 * One EKS call with its failure shown once: an expired SSO session offers `aws sso login` in a terminal and retries
 * once when that terminal closes (`callWithSsoLogin`); every other failure shows the sidecar's message, which keeps
 * AWS's code and request id. Answers undefined on failure.
 */
async function run<T>(targets: EksTargets, choice: CredentialChoice | undefined, call: (client: Client) => Promise<T>): Promise<T | undefined> {
  const client = targets.supervisor.session?.client;
  if (!client) {
    return undefined;
  }
  const outcome = await callWithSsoLogin(
    () =>
      call(client).catch((error: unknown) => {
        targets.log.warn(`Amazon EKS: ${errorMessage(error)}`);
        throw error;
      }),
    choice?.kind === 'profile' ? choice.profile : undefined,
    ssoUi,
  );
  if (outcome.kind === 'failed') {
    void vscode.window.showErrorMessage(t(strings.eksFailed, errorMessage(outcome.error)));
  }
  return outcome.kind === 'done' ? outcome.value : undefined;
}

async function pickCredentials(): Promise<CredentialChoice | undefined> {
  const profiles = await readProfiles();
  const items: (vscode.QuickPickItem & { choice?: CredentialChoice; keys?: true })[] = [
    ...profiles.map((profile) => ({ label: t(strings.eksProfileItem, profile), detail: t(strings.eksProfileDetail), choice: { kind: 'profile', profile } as const })),
    { label: t(strings.eksDefaultItem), detail: t(strings.eksDefaultDetail), choice: { kind: 'default' } as const },
    { label: t(strings.eksKeysItem), detail: t(strings.eksKeysDetail), keys: true },
  ];
  const picked = await vscode.window.showQuickPick(items, { placeHolder: t(strings.eksPickCredentials) });
  if (!picked?.keys) {
    return picked?.choice;
  }
  const accessKeyId = (await vscode.window.showInputBox({ prompt: t(strings.eksAccessKeyPrompt), ignoreFocusOut: true }))?.trim();
  const secretAccessKey = accessKeyId && (await vscode.window.showInputBox({ prompt: t(strings.eksSecretKeyPrompt), password: true, ignoreFocusOut: true }))?.trim();
  if (!accessKeyId || !secretAccessKey) {
    return undefined;
  }
  const sessionToken = (await vscode.window.showInputBox({ prompt: t(strings.eksSessionTokenPrompt), password: true, ignoreFocusOut: true }))?.trim();
  return { kind: 'keys', accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

async function pickRegion(): Promise<string | undefined> {
  const other = t(strings.eksOtherRegion);
  const picked = await vscode.window.showQuickPick([...commonRegions, other], { placeHolder: t(strings.eksPickRegion) });
  return picked === other ? (await vscode.window.showInputBox({ prompt: t(strings.eksPickRegion), value: 'us-east-1' }))?.trim() : picked;
}

async function readProfiles(): Promise<string[]> {
  const home = os.homedir();
  const read = (file: string): Promise<string> => fs.readFile(file, 'utf8').catch(() => '');
  const config = await read(process.env.AWS_CONFIG_FILE ?? path.join(home, '.aws', 'config'));
  const credentials = await read(process.env.AWS_SHARED_CREDENTIALS_FILE ?? path.join(home, '.aws', 'credentials'));
  return profileNames(config, credentials);
}

