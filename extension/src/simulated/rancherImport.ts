import * as vscode from 'vscode';
import { CommandIds, SettingIds } from '../ids';
import { t } from '../l10n';
import { SimulatedConfigureRancherRequest, type SimulatedRancherParams, type SimulatedRancherResult } from '../protocol';
import { errorMessage } from '../sidecar/errors';
import { strings } from '../strings';

/** The one SecretStorage entry of the Rancher import: the API key, never in settings, on disk or in a log line. */
export const rancherKeySecret = 'kubelink.simulated.rancherApiKey';

/** The part of the supervisor this needs (the running sidecar's client, its start), so tests hand in a fake sidecar. */
export interface RancherSidecar {
  readonly session: { readonly client: { request(type: typeof SimulatedConfigureRancherRequest, params: SimulatedRancherParams): Promise<SimulatedRancherResult> } } | undefined;
  readonly onDidChangeState: vscode.Event<{ readonly kind: string }>;
}

export interface RancherImportTargets {
  readonly log: vscode.LogOutputChannel;
  readonly secrets: vscode.SecretStorage;
  readonly supervisor: RancherSidecar;
}

/** What made the extension send the settings again: the user's own acts get a confirmation, a sidecar start only problems. */
type Trigger = 'start' | 'settings' | 'setKey' | 'clearKey' | 'otherWindow';

/**
 * The Rancher import of the sidecar's simulated clusters, configured from `kubelink.simulated.rancherUrl`,
 * `kubelink.simulated.rancherCaFile` and the API key in SecretStorage (Set / Clear Rancher API Key). The key goes to the
 * sidecar in `simulated/configureRancher` only, when a sidecar starts and whenever the setting or the key changes, so
 * no restart is needed. The sidecar answers with one check of the key; a problem is one notification naming the cause
 * and the next step (each cluster's own Rancher state is in its tree row).
 */
export function registerRancherImport(targets: RancherImportTargets): vscode.Disposable {
  const rancher = new RancherImport(targets);
  return vscode.Disposable.from(
    vscode.commands.registerCommand(CommandIds.setRancherApiKey, () => rancher.setKey()),
    vscode.commands.registerCommand(CommandIds.clearRancherApiKey, () => rancher.clearKey()),
    // A new sidecar knows nothing of Rancher: hand it the settings and the key again.
    targets.supervisor.onDidChangeState((state) => {
      if (state.kind === 'ready') {
        rancher.forgetSent();
        void rancher.apply('start');
      }
    }),
    vscode.workspace.onDidChangeConfiguration((event) => {
      if (event.affectsConfiguration(SettingIds.simulatedRancherUrl) || event.affectsConfiguration(SettingIds.simulatedRancherCaFile)) {
        void rancher.apply('settings');
      }
    }),
    // The key set or cleared in another window (SecretStorage is shared); this window's own changes were sent already.
    targets.secrets.onDidChange((event) => {
      if (event.key === rancherKeySecret) {
        void rancher.apply('otherWindow');
      }
    }),
  );
}

export class RancherImport {
  /** What this sidecar was last sent (with the key: memory only), so an echo of our own change is not sent twice. */
  private sent: string | undefined;
  /** Problems already shown to this sidecar's user: a sidecar start repeats none of them. */
  private readonly shown = new Set<string>();

  constructor(private readonly targets: RancherImportTargets) {}

  forgetSent(): void {
    this.sent = undefined;
  }

  async setKey(): Promise<void> {
    const key = await vscode.window.showInputBox({
      title: t(strings.rancherKeyTitle),
      prompt: t(strings.rancherKeyPrompt),
      password: true,
      ignoreFocusOut: true,
      validateInput: (value) => keyProblem(value),
    });
    if (key === undefined || keyProblem(key) !== undefined) {
      return;
    }
    const settings = readSettings();
    const next = paramsFor(settings, key.trim());
    // Marked as sent before the store: SecretStorage's echo of this change (in this window, in some VS Code versions) is then no news.
    this.sent = settings.url === null ? this.sent : JSON.stringify(next);
    await this.targets.secrets.store(rancherKeySecret, key.trim());
    this.targets.log.info('Rancher API key saved in VS Code secret storage');
    if (settings.url === null) {
      void vscode.window.showInformationMessage(t(strings.rancherKeySaved));
      return;
    }
    await this.send(next, settings.url, 'setKey');
  }

  async clearKey(): Promise<void> {
    const settings = readSettings();
    const next = paramsFor(settings, undefined);
    this.sent = JSON.stringify(next);
    await this.targets.secrets.delete(rancherKeySecret);
    this.targets.log.info('Rancher API key removed from VS Code secret storage');
    await this.send(next, settings.url, 'clearKey');
    void vscode.window.showInformationMessage(t(strings.rancherKeyCleared));
  }

  /** Sends the settings and the stored key to the running sidecar, unless it has them already (a change in another window, an echo). */
  async apply(trigger: 'start' | 'settings' | 'otherWindow'): Promise<void> {
    if (!this.targets.supervisor.session) {
      return; // the sidecar's start sends them
    }
    const settings = readSettings();
    const next = paramsFor(settings, settings.url === null ? undefined : await this.targets.secrets.get(rancherKeySecret));
    const fingerprint = JSON.stringify(next);
    if (fingerprint === this.sent && trigger !== 'settings') {
      return;
    }
    this.sent = fingerprint;
    await this.send(next, settings.url, trigger);
  }

  private async send(params: SimulatedRancherParams, url: string | null, trigger: Trigger): Promise<void> {
    const client = this.targets.supervisor.session?.client;
    if (!client) {
      return;
    }
    const user = trigger === 'settings' || trigger === 'setKey';
    let result: SimulatedRancherResult;
    try {
      result = await client.request(SimulatedConfigureRancherRequest, params);
    } catch (error) {
      // Settings the sidecar cannot use (not an http(s) URL, a CA file it cannot read): the message names the setting.
      this.sent = undefined;
      this.targets.log.warn(`Rancher import: ${errorMessage(error)}`);
      this.problem(errorMessage(error), 'settings', user);
      return;
    }
    if (url !== null && !params.token) {
      // A URL without a key is the import off, not an error: the user is told what is missing (not after clearing it).
      this.targets.log.info(`Rancher import: ${url} is set but there is no API key; the import is off`);
      if (trigger !== 'clearKey') {
        this.problem(t(strings.rancherNeedsKey, url), 'key', user);
      }
      return;
    }
    this.report(result, url, user);
  }

  private report(result: SimulatedRancherResult, url: string | null, user: boolean): void {
    switch (result.check) {
      case 'off':
        this.targets.log.info('Rancher import: off');
        return;
      case 'ok':
        this.targets.log.info(`Rancher import: ${url ?? ''} accepted the API key`);
        this.shown.clear();
        if (user) {
          void vscode.window.showInformationMessage(t(strings.rancherImportOn, url ?? ''));
        }
        return;
      case 'keyRefused':
      case 'unreachable':
      case 'failed': {
        const problem = result.problem ?? result.check;
        this.targets.log.warn(`Rancher import: ${problem}`);
        this.problem(t(strings.rancherProblem, problem), result.check === 'keyRefused' ? 'key' : 'settings', user);
      }
    }
  }

  /** One notification per problem (again when the user acts), with the one action that fixes it. */
  private problem(message: string, fix: 'key' | 'settings', user: boolean): void {
    if (this.shown.has(message) && !user) {
      return;
    }
    this.shown.add(message);
    const action = fix === 'key' ? t(strings.actionSetRancherKey) : t(strings.actionOpenSettings);
    void vscode.window.showErrorMessage(message, action).then((picked) => {
      if (picked === undefined) {
        return;
      }
      void (fix === 'key'
        ? vscode.commands.executeCommand(CommandIds.setRancherApiKey)
        : vscode.commands.executeCommand('workbench.action.openSettings', 'kubelink.simulated.rancher'));
    });
  }
}

/** The call for these settings and key: a URL without a key is the import off. */
function paramsFor(settings: { url: string | null; caFile: string | null }, token: string | undefined): SimulatedRancherParams {
  return settings.url !== null && token ? { url: settings.url, caFile: settings.caFile, token } : { url: null, caFile: null, token: null };
}

/** The settings as settings.json holds them (hand-edited): strings kept, blanks mean "not set". */
function readSettings(): { url: string | null; caFile: string | null } {
  const config = vscode.workspace.getConfiguration();
  const text = (id: string): string | null => {
    const value = config.get<unknown>(id);
    return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
  };
  return { url: text(SettingIds.simulatedRancherUrl), caFile: text(SettingIds.simulatedRancherCaFile) };
}

function keyProblem(value: string): string | undefined {
  const key = value.trim();
  if (key === '') {
    return t(strings.rancherKeyEmpty);
  }
  return /\s/.test(key) ? t(strings.rancherKeySpaces) : undefined;
}
