import Module from 'node:module';
import { format } from '../../../extension/src/strings';

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
    messages: [] as string[],
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
    ThemeColor: class {
      constructor(readonly id: string) {}
    },
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
      createTreeView: (id: string) => {
        record.treeViews.push(id);
        return new Disposable(() => undefined);
      },
      showErrorMessage: show('error'),
      showWarningMessage: show('warning'),
    },
    commands: {
      registerCommand: (id: string, handler: (...args: unknown[]) => unknown) => {
        record.commands.set(id, handler);
        return new Disposable(() => record.commands.delete(id));
      },
      executeCommand: (id: string, ...args: unknown[]) => Promise.resolve(record.commands.get(id)?.(...args)),
    },
    workspace: {
      getConfiguration: () => ({ get: (key: string) => settings[key] }),
      onDidChangeConfiguration: configListeners.event,
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
