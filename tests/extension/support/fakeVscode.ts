import Module from 'node:module';
import { format } from '../../../extension/src/strings';
import { Range, Selection, ThemeColor, ThemeIcon, TreeItem, Uri, type FakeTreeProvider, type FakeUri } from './fakeVscodeTypes';

/**
 * Just enough of the `vscode` API for extension.ts to activate under plain Node, recording what the extension does
 * with it. Not a VS Code simulation: the e2e suite runs the real thing; this checks the wiring in seconds.
 */
export class FakeStatusBarItem {
  name = '';
  tooltip: unknown = '';
  command: unknown;
  backgroundColor: unknown;
  visible = false;
  private currentText = '';
  private readonly waiters: Array<{ match: (text: string) => boolean; resolve: () => void }> = [];

  constructor(readonly id: string) {}

  get text(): string {
    return this.currentText;
  }

  set text(value: string) {
    this.currentText = value;
    for (const waiter of this.waiters.filter((w) => w.match(value))) {
      this.waiters.splice(this.waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  }

  /** Resolves when the text next matches (or already does): tests wait on what the user would see. */
  until(match: (text: string) => boolean): Promise<void> {
    return match(this.currentText) ? Promise.resolve() : new Promise((resolve) => this.waiters.push({ match, resolve }));
  }

  show(): void {
    this.visible = true;
  }
  hide(): void {
    this.visible = false;
  }
  dispose(): void {
    this.visible = false;
  }
}

class Disposable {
  constructor(private readonly callback: () => void) {}
  static from(...items: Array<{ dispose(): unknown }>): Disposable {
    return new Disposable(() => items.forEach((item) => item.dispose()));
  }
  dispose(): void {
    this.callback();
  }
}

class EventEmitter<T> {
  private listeners: Array<(value: T) => void> = [];
  readonly event = (listener: (value: T) => void): Disposable => {
    this.listeners.push(listener);
    return new Disposable(() => (this.listeners = this.listeners.filter((l) => l !== listener)));
  };
  fire(value: T): void {
    this.listeners.forEach((listener) => listener(value));
  }
  dispose(): void {
    this.listeners = [];
  }
}

export type FakeVscode = ReturnType<typeof createFakeVscode>;

export interface FakeInputBoxOptions {
  readonly title?: string;
  readonly prompt?: string;
  readonly password?: boolean;
  readonly validateInput?: (value: string) => string | undefined;
}

export function createFakeVscode(initialSettings: Record<string, unknown> = {}) {
  const settings = { ...initialSettings };
  const configListeners = new EventEmitter<{ affectsConfiguration(id: string): boolean }>();
  const waiters: Array<{ check: () => boolean; resolve: () => void }> = [];
  /** Re-checks the waiters after anything the extension does that a test may wait for. */
  const changed = (): void => {
    for (const waiter of waiters.filter((w) => w.check())) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve();
    }
  };
  const record = {
    log: [] as string[],
    statusItems: [] as FakeStatusBarItem[],
    commands: new Map<string, (...args: unknown[]) => unknown>(),
    treeViews: [] as string[],
    trees: new Map<string, FakeTreeProvider>(),
    /** What the user does to a tree view: collapse a node, select one. */
    treeEvents: new Map<string, { collapse(element: unknown): void; select(element: unknown): void }>(),
    /** The content providers the extension registered, by scheme. */
    contentProviders: new Map<string, { provideTextDocumentContent(uri: unknown): Promise<string> | string }>(),
    messages: [] as string[],
    /** What the user will answer, in order: each QuickPick and open dialog takes the next answer (none = cancel). */
    answers: {
      quickPick: [] as Array<(items: readonly unknown[]) => unknown>,
      openDialog: [] as Array<(options: object) => FakeUri[] | undefined>,
      /** Each input box takes the next answer (none = Escape); it sees the options (password, validateInput). */
      inputBox: [] as Array<(options: FakeInputBoxOptions) => string | undefined>,
    },
    /** The options of every input box shown. */
    inputBoxes: [] as FakeInputBoxOptions[],
    /** Every editor the extension opened, with the selection it set and the range it revealed. */
    editors: [] as Array<{ path: string; text?: string; languageId?: string; selection?: Selection; revealed?: Range }>,
    settingUpdates: [] as Array<{ key: string; value: unknown; target: unknown }>,
    /** Every progress notification: its title, each message reported, and whether its task has finished. */
    progress: [] as Array<{ title: string | undefined; messages: string[]; done: boolean }>,
    /** Resolves once `check` holds (checked now and after every log line and message): tests wait on effects, not time. */
    until(check: () => boolean): Promise<void> {
      return check() ? Promise.resolve() : new Promise((resolve) => waiters.push({ check, resolve }));
    },
    /** What the user does in the Settings editor: new values, then onDidChangeConfiguration for those keys. */
    changeSettings(patch: Record<string, unknown>): void {
      Object.assign(settings, patch);
      configListeners.fire({ affectsConfiguration: (id) => Object.keys(patch).some((key) => key === id || key.startsWith(`${id}.`)) });
    },
  };
  const logAt = (level: string) => (message: string) => {
    record.log.push(`${level}: ${message}`);
    changed();
  };
  const show = (severity: string) => (message: string) => {
    record.messages.push(`${severity}: ${message}`);
    changed();
    return Promise.resolve(undefined);
  };
  const api = {
    version: '1.90.0-fake',
    StatusBarAlignment: { Left: 1, Right: 2 },
    ProgressLocation: { SourceControl: 1, Window: 10, Notification: 15 },
    TreeItemCollapsibleState: { None: 0, Collapsed: 1, Expanded: 2 },
    ConfigurationTarget: { Global: 1, Workspace: 2, WorkspaceFolder: 3 },
    TextEditorRevealType: { Default: 0, InCenter: 1, InCenterIfOutsideViewport: 2, AtTop: 3 },
    ThemeColor,
    ThemeIcon,
    TreeItem,
    Range,
    Selection,
    Uri,
    Disposable,
    EventEmitter,
    l10n: { t: format },
    window: {
      createOutputChannel: () => ({ trace: logAt('trace'), debug: logAt('debug'), info: logAt('info'), warn: logAt('warn'), error: logAt('error'), show: () => undefined, dispose: () => undefined }),
      createStatusBarItem: (id: string) => {
        const item = new FakeStatusBarItem(id);
        record.statusItems.push(item);
        return item;
      },
      createTreeView: (id: string, options: { treeDataProvider: FakeTreeProvider }) => {
        record.treeViews.push(id);
        record.trees.set(id, options.treeDataProvider);
        options.treeDataProvider.onDidChangeTreeData?.(changed);
        const collapse = new EventEmitter<{ element: unknown }>();
        const selection = new EventEmitter<{ selection: unknown[] }>();
        record.treeEvents.set(id, { collapse: (element) => collapse.fire({ element }), select: (element) => selection.fire({ selection: [element] }) });
        return {
          onDidCollapseElement: collapse.event,
          onDidChangeSelection: selection.event,
          dispose: () => record.trees.delete(id),
        };
      },
      showErrorMessage: show('error'),
      showWarningMessage: show('warning'),
      showInformationMessage: show('info'),
      showQuickPick: (items: readonly unknown[]) => Promise.resolve(record.answers.quickPick.shift()?.(items)),
      showOpenDialog: (options: object) => Promise.resolve(record.answers.openDialog.shift()?.(options)),
      showInputBox: (options: FakeInputBoxOptions) => {
        record.inputBoxes.push(options);
        return Promise.resolve(record.answers.inputBox.shift()?.(options));
      },
      withProgress: (options: { title?: string }, task: (progress: { report(value: { message?: string }): void }) => Promise<unknown>) => {
        const entry = { title: options.title, messages: [] as string[], done: false };
        record.progress.push(entry);
        changed();
        const result = task({
          report: ({ message }) => {
            if (message !== undefined) {
              entry.messages.push(message);
              changed();
            }
          },
        });
        const finish = (): void => {
          entry.done = true;
          changed();
        };
        result.then(finish, finish);
        return result;
      },
      showTextDocument: (document: { uri: FakeUri; text?: string; languageId?: string }) => {
        const editor: { path: string; text?: string; languageId?: string; selection?: Selection; revealed?: Range } = { path: document.uri.fsPath };
        if (document.text !== undefined) {
          Object.assign(editor, { text: document.text, languageId: document.languageId });
        }
        record.editors.push(editor);
        changed();
        return Promise.resolve({
          set selection(value: Selection) {
            editor.selection = value;
          },
          revealRange: (range: Range) => (editor.revealed = range),
        });
      },
    },
    languages: {
      setTextDocumentLanguage: (document: { languageId: string }, languageId: string) => {
        document.languageId = languageId;
        return Promise.resolve(document);
      },
    },
    commands: {
      registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
        record.commands.set(id, handler);
        return new Disposable(() => record.commands.delete(id));
      },
      executeCommand: (id: string, ...args: unknown[]) => Promise.resolve(record.commands.get(id)?.(...args)),
    },
    workspace: {
      getConfiguration: () => ({
        get: (key: string) => settings[key],
        update: (key: string, value: unknown, target: unknown) => {
          record.settingUpdates.push({ key, value, target });
          record.changeSettings({ [key]: value });
          return Promise.resolve();
        },
      }),
      onDidChangeConfiguration: configListeners.event,
      textDocuments: [] as unknown[],
      registerTextDocumentContentProvider: (scheme: string, provider: { provideTextDocumentContent(uri: unknown): Promise<string> | string }) => {
        record.contentProviders.set(scheme, provider);
        return new Disposable(() => record.contentProviders.delete(scheme));
      },
      /** A file as the test wrote it; any other scheme asks the content provider the extension registered for it. */
      openTextDocument: async (uri: FakeUri) => {
        const provider = uri.scheme === 'file' ? undefined : record.contentProviders.get(uri.scheme);
        const validateRange = (range: Range): Range => range;
        return provider ? { uri, text: await provider.provideTextDocumentContent(uri), languageId: 'plaintext', validateRange } : { uri, validateRange };
      },
    },
  };
  return { api, record };
}

/** Makes `require('vscode')` answer `api` while `load` runs (the bundle requires it at load time only). */
export function withFakeVscode<T>(api: object, load: () => T): T {
  const loader = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const original = loader._load;
  loader._load = function (request: string, ...rest: unknown[]) {
    return request === 'vscode' ? api : original.call(this, request, ...rest);
  };
  try {
    return load();
  } finally {
    loader._load = original;
  }
}

/** SecretStorage in memory, firing onDidChange as VS Code does (for this window's changes too). */
export function fakeSecrets(): { get(key: string): Promise<string | undefined>; store(key: string, value: string): Promise<void>; delete(key: string): Promise<void>; onDidChange: EventEmitter<{ key: string }>['event']; readonly all: Map<string, string> } {
  const all = new Map<string, string>();
  const changes = new EventEmitter<{ key: string }>();
  return {
    all,
    get: (key) => Promise.resolve(all.get(key)),
    store: (key, value) => {
      all.set(key, value);
      changes.fire({ key });
      return Promise.resolve();
    },
    delete: (key) => {
      all.delete(key);
      changes.fire({ key });
      return Promise.resolve();
    },
    onDidChange: changes.event,
  };
}

/** The parts of an ExtensionContext the extension reads: SecretStorage and global state in memory (EKS typed keys). */
export function fakeExtensionContext(extensionPath: string): object {
  const state = new Map<string, unknown>();
  return {
    extensionPath,
    extension: { packageJSON: { version: '0.1.0-test' } },
    subscriptions: [],
    secrets: fakeSecrets(),
    globalState: {
      get: (key: string) => state.get(key),
      update: (key: string, value: unknown) => Promise.resolve(void state.set(key, value)),
    },
  };
}
