// Drives the VS Code workbench served by code-server with a real (headless) Chromium.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { chromium, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { outputDir, recordTiming, safeName } from './paths.js';
import { registerCloser, trackTempDir, untrackTempDir, withDeadline } from './processes.js';

export interface WorkbenchOptions {
  /** Used for timing records. */
  name?: string;
  /** Default: /usr/bin/chromium (Debian), or $KUBELINK_E2E_CHROMIUM. */
  executablePath?: string;
  /** Default 1280x800. */
  viewport?: { width: number; height: number };
  /** Deadline for the workbench to be ready. Default 90 s. */
  readyTimeoutMs?: number;
  /** Default timeout for helper waits. Default 30 s. */
  timeoutMs?: number;
  /** Run headed (needs a display); also KUBELINK_E2E_HEADED=1. */
  headed?: boolean;
  /** Accept any server certificate, for pages Kubelink serves on its loopback listener (its own CA, decision 6). Default false. */
  ignoreHTTPSErrors?: boolean;
}

export interface StatusBarItem {
  /** Visible text (codicons render as empty glyphs, so "$(rocket) Hello" reads " Hello"; trimmed). */
  text: string;
  /** Accessible label: VS Code uses the text plus the tooltip. */
  ariaLabel: string;
}

export type TextMatch = string | RegExp;

/** One message a toast showed: `toast` numbers the toast element (the same number while it is updated in place). */
export interface SeenToast {
  toast: number;
  text: string;
}
export type ViewLocation = 'sidebar' | 'panel' | 'auxiliarybar' | 'any';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

const LOCATION_SELECTOR: Record<ViewLocation, string> = {
  sidebar: '.part.sidebar',
  panel: '.part.panel',
  auxiliarybar: '.part.auxiliarybar',
  any: '.monaco-workbench',
};

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** An exact, whole-text match for a string; a RegExp is used as is. */
function exact(text: TextMatch): RegExp {
  return typeof text === 'string' ? new RegExp(`^\\s*${escapeRegExp(text)}\\s*$`) : text;
}

function matches(value: string, expected: TextMatch): boolean {
  return typeof expected === 'string' ? value.includes(expected) : expected.test(value);
}

/** Poll fn until it returns a truthy value or the deadline passes (then throws with message and last value). */
export async function waitUntil<T>(
  fn: () => Promise<T> | T,
  opts: { timeoutMs: number; message: string; intervalMs?: number },
): Promise<NonNullable<T>> {
  const deadline = Date.now() + opts.timeoutMs;
  let last: unknown;
  let delay = opts.intervalMs ?? 50;
  for (;;) {
    try {
      last = await fn();
      if (last) return last as NonNullable<T>;
    } catch (err) {
      last = err;
    }
    if (Date.now() >= deadline) {
      const detail = last instanceof Error ? last.message : JSON.stringify(last);
      throw new Error(`${opts.message} (after ${opts.timeoutMs} ms; last: ${detail})`);
    }
    await new Promise((r) => setTimeout(r, delay));
    delay = Math.min(delay * 2, 500);
  }
}

export class Workbench {
  /** Browser console messages and page errors, newest last (capped). */
  readonly console: string[] = [];
  private closed = false;
  private notificationMark = 0;
  /** Set by openWorkbench: drops the interrupt hook that closes this browser. */
  unregisterCloser?: () => void;

  constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    readonly readyMs: number,
    readonly timeoutMs: number,
    private readonly profileRoot: string,
  ) {
    const push = (line: string): void => {
      this.console.push(line);
      if (this.console.length > 1000) this.console.splice(0, this.console.length - 1000);
    };
    page.on('console', (m) => push(`[${m.type()}] ${m.text()}`));
    page.on('pageerror', (e) => push(`[pageerror] ${e.message}`));
  }

  // ------------------------------------------------------------------ commands

  /** Open the command palette (F1), retrying focus if the key went nowhere. */
  async openCommandPalette(): Promise<Locator> {
    const widget = this.page.locator('.quick-input-widget');
    const input = widget.locator('input.input');
    await waitUntil(
      async () => {
        const inCommandMode = async (): Promise<boolean> =>
          (await widget.isVisible()) && (await input.inputValue()).startsWith('>');
        if (await inCommandMode()) return true;
        if (await widget.isVisible()) {
          // Some other quick input (quick open, a command's pick) is up: dismiss it first.
          await this.page.keyboard.press('Escape');
          await widget.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
        }
        await this.page.keyboard.press('F1');
        await widget.waitFor({ state: 'visible', timeout: 3000 }).catch(() => undefined);
        return inCommandMode();
      },
      { timeoutMs: this.timeoutMs, message: 'e2e: command palette did not open' },
    );
    return input;
  }

  /**
   * Run a command by its palette title ("Category: Title", exactly as shown).
   * Does not wait for the command to finish: assert on its effects.
   */
  async runCommand(title: string, timeoutMs = this.timeoutMs): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const widget = this.page.locator('.quick-input-widget');
    for (;;) {
      const input = await this.openCommandPalette();
      await input.fill(`>${title}`);
      const row = this.quickItem(title);
      if (await row.waitFor({ state: 'visible', timeout: 2500 }).then(() => true, () => false)) {
        await row.click();
        return;
      }
      if (Date.now() >= deadline) {
        throw new Error(`e2e: no command "${title}" in the palette; visible items: ${JSON.stringify(await this.quickItemLabels())}`);
      }
      // Right after start-up the palette can compute its list before the extension
      // host has registered the extensions' contributions, and that list does not
      // refresh while it stays open: close it and ask again.
      await this.page.keyboard.press('Escape');
      await widget.waitFor({ state: 'hidden', timeout: 3000 }).catch(() => undefined);
    }
  }

  private quickItem(label: TextMatch): Locator {
    return this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .filter({ has: this.page.locator('.label-name').filter({ hasText: exact(label) }) })
      .first();
  }

  /** The accessible labels of the quick-pick rows shown now. */
  async quickItemLabels(): Promise<(string | null)[]> {
    return this.page
      .locator('.quick-input-widget .quick-input-list .monaco-list-row')
      .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
  }

  /** Wait for the quick input (quick pick / input box) to be visible; optionally with a placeholder or title text. */
  async waitForQuickInput(text?: TextMatch): Promise<Locator> {
    const widget = this.page.locator('.quick-input-widget');
    await widget.waitFor({ state: 'visible', timeout: this.timeoutMs });
    if (text !== undefined) {
      await waitUntil(
        async () => {
          const placeholder = (await widget.locator('input.input').getAttribute('placeholder')) ?? '';
          const title = (await widget.locator('.quick-input-title').innerText().catch(() => '')) ?? '';
          return matches(placeholder, text) || matches(title, text);
        },
        { timeoutMs: this.timeoutMs, message: `e2e: no quick input with placeholder/title ${String(text)}` },
      );
    }
    return widget;
  }

  /** Click the quick-pick row whose label is exactly `label` (or matches the RegExp). */
  async pickQuickItem(label: TextMatch): Promise<void> {
    const row = this.quickItem(label);
    try {
      await row.waitFor({ state: 'visible', timeout: this.timeoutMs });
    } catch {
      throw new Error(`e2e: no quick-pick item ${String(label)}; visible items: ${JSON.stringify(await this.quickItemLabels())}`);
    }
    await row.click();
  }

  /** Type into an open input box / quick pick and accept with Enter. */
  async submitQuickInput(value: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input.input');
    await input.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await input.fill(value);
    await input.press('Enter');
  }

  // --------------------------------------------------------------------- views

  /**
   * Show a view container in the activity bar by its title (e.g. "Kubelink").
   * Does nothing if it is already the visible one (clicking again would hide the sidebar).
   */
  async openViewContainer(title: string): Promise<void> {
    const item = this.page
      .locator('.part.activitybar .action-item')
      .filter({ has: this.page.locator(`.action-label[aria-label="${title}"], .action-label[aria-label^="${title} ("]`) })
      .first();
    try {
      await item.waitFor({ state: 'visible', timeout: this.timeoutMs });
    } catch {
      const labels = await this.page
        .locator('.part.activitybar .action-label')
        .evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')));
      throw new Error(`e2e: no activity-bar item "${title}"; items: ${JSON.stringify(labels)}`);
    }
    const isActive = async (): Promise<boolean> =>
      (await item.getAttribute('class'))?.split(/\s+/).includes('checked') === true &&
      (await this.page.locator('.part.sidebar').isVisible());
    if (!(await isActive())) await item.click();
    await waitUntil(isActive, { timeoutMs: this.timeoutMs, message: `e2e: view container "${title}" did not open` });
  }

  /** Tree rows (`.monaco-list-row[role=treeitem]`) whose visible text contains `text` (a row's accessible name is its tooltip, so match on text). */
  treeRows(text?: TextMatch, where: ViewLocation = 'sidebar'): Locator {
    const rows = this.page.locator(`${LOCATION_SELECTOR[where]} .monaco-list-row[role="treeitem"]`);
    return text === undefined ? rows : rows.filter({ hasText: text });
  }

  /** Wait for a tree row containing `text` and return it. */
  async waitForTreeRow(text: TextMatch, where: ViewLocation = 'sidebar', timeoutMs = this.timeoutMs): Promise<Locator> {
    const row = this.treeRows(text, where).first();
    try {
      await row.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      throw new Error(`e2e: no tree row ${String(text)} in ${where}; rows: ${JSON.stringify(await this.treeRowTexts(where))}`);
    }
    return row;
  }

  /**
   * Wait for the tree row whose label is exactly `label` and return it. A row's text also holds its description
   * (with no space between), so matching the whole row text cannot tell "a" from "a-b"; the label element can.
   */
  async waitForTreeRowLabelled(label: string, where: ViewLocation = 'sidebar', timeoutMs = this.timeoutMs): Promise<Locator> {
    const exact = new RegExp(`^\\s*${label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`);
    const row = this.treeRows(undefined, where).filter({ has: this.page.locator('.label-name').filter({ hasText: exact }) }).first();
    try {
      await row.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      throw new Error(`e2e: no tree row labelled ${label} in ${where}; rows: ${JSON.stringify(await this.treeRowTexts(where))}`);
    }
    return row;
  }

  /** The visible text of every rendered tree row (virtualised lists render only what is on screen). */
  async treeRowTexts(where: ViewLocation = 'sidebar'): Promise<string[]> {
    return this.treeRows(undefined, where).evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()));
  }

  /** Hover a tree row and click one of its inline actions by its label (title). */
  async clickTreeRowAction(text: TextMatch, actionLabel: string, where: ViewLocation = 'sidebar'): Promise<void> {
    const row = await this.waitForTreeRow(text, where);
    await row.hover();
    const action = row.locator(`.actions .action-label[aria-label="${actionLabel}"]`).first();
    await action.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await action.click();
  }

  /** Right-click a tree row and choose a context-menu entry by its label. */
  async treeRowContextMenu(text: TextMatch, itemLabel: string, where: ViewLocation = 'sidebar'): Promise<void> {
    const row = await this.waitForTreeRow(text, where);
    await row.click({ button: 'right' });
    const item = this.page.locator('.context-view .monaco-menu .action-item .action-label').filter({ hasText: exact(itemLabel) }).first();
    await item.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await item.click();
  }

  // ---------------------------------------------------------------- status bar

  /** A status-bar item by element id; for an extension's item that is `<publisher>.<name>.<item id>`. */
  statusBarItem(id: string): Locator {
    return this.page.locator(`.part.statusbar [id="${id}"]`);
  }

  async readStatusBarItem(id: string, timeoutMs = this.timeoutMs): Promise<StatusBarItem> {
    const item = this.statusBarItem(id);
    try {
      await item.waitFor({ state: 'visible', timeout: timeoutMs });
    } catch {
      const ids = await this.page.locator('.part.statusbar [id]').evaluateAll((els) => els.map((e) => e.id));
      throw new Error(`e2e: no status-bar item "${id}"; items: ${JSON.stringify(ids)}`);
    }
    return {
      text: (await item.innerText()).trim(),
      ariaLabel: (await item.getAttribute('aria-label')) ?? '',
    };
  }

  /** Wait until a status-bar item's text (or aria label) matches. */
  async waitForStatusBarText(id: string, expected: TextMatch, timeoutMs = this.timeoutMs): Promise<StatusBarItem> {
    let last: StatusBarItem | undefined;
    return waitUntil(
      async () => {
        last = await this.readStatusBarItem(id, Math.min(timeoutMs, 2000)).catch(() => undefined);
        return last && (matches(last.text, expected) || matches(last.ariaLabel, expected)) ? last : undefined;
      },
      { timeoutMs, message: `e2e: status-bar item "${id}" never showed ${String(expected)} (last: ${JSON.stringify(last)})` },
    );
  }

  // ------------------------------------------------------------- notifications

  /** Messages of the toasts currently shown. */
  async notificationToasts(): Promise<string[]> {
    return this.page
      .locator('.notification-toast .notification-list-item-message')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).innerText.trim()));
  }

  /**
   * Every toast message seen since the page loaded, in order (a page-side
   * MutationObserver records them), including toasts VS Code has already hidden
   * (info toasts auto-hide after ~15 s while the window has focus).
   */
  async seenNotifications(): Promise<string[]> {
    return this.page.evaluate(() => ((window as unknown as { __klSeenToasts?: string[] }).__klSeenToasts ?? []).slice());
  }

  /**
   * Every message shown since the last markNotifications(), with the number of the toast element that showed it: the
   * distinct numbers among the messages about something are how many toasts it took (updates in place count once).
   */
  async seenToasts(text?: TextMatch): Promise<SeenToast[]> {
    const log = await this.page.evaluate(() => ((window as unknown as { __klToastLog?: SeenToast[] }).__klToastLog ?? []).slice());
    return log.slice(this.notificationMark).filter((t) => text === undefined || matches(t.text, text));
  }

  /** Forget earlier toasts: waitForNotification only matches toasts seen after this (session.case calls it per case). */
  async markNotifications(): Promise<void> {
    this.notificationMark = (await this.seenNotifications().catch(() => [])).length;
  }

  /**
   * Wait for a toast whose message contains `text` (or matches the RegExp) to be
   * shown, now or since the last markNotifications(); returns the message.
   */
  async waitForNotification(text: TextMatch, timeoutMs = this.timeoutMs): Promise<string> {
    try {
      return await waitUntil(
        async () => {
          const visible = await this.notificationToasts();
          const seen = (await this.seenNotifications()).slice(this.notificationMark);
          return [...visible, ...seen].find((m) => matches(m, text));
        },
        { timeoutMs, message: `e2e: no notification ${String(text)}` },
      );
    } catch (err) {
      const seen = (await this.seenNotifications().catch(() => [])).slice(this.notificationMark);
      throw new Error(`${(err as Error).message}; seen since the case began: ${JSON.stringify(seen)}`);
    }
  }

  /** Click a button (e.g. "Retry") on the toast whose message contains `text`. */
  async clickNotificationButton(text: TextMatch, button: string): Promise<void> {
    const toast = this.page.locator('.notification-toast').filter({
      has: this.page.locator('.notification-list-item-message').filter({ hasText: text }),
    });
    const btn = toast.locator('.monaco-button').filter({ hasText: exact(button) }).first();
    await btn.waitFor({ state: 'visible', timeout: this.timeoutMs });
    await btn.click();
  }

  // ----------------------------------------------------------------- artifacts

  /** Screenshot into <repo>/.test-output/e2e/<name>.png; returns the path. */
  async screenshot(name: string): Promise<string> {
    const file = path.join(outputDir(), `${safeName(name)}.png`);
    await this.page.screenshot({ path: file, timeout: 15_000 });
    return file;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.unregisterCloser?.();
    await withDeadline(this.context.close(), 15_000).catch(() => undefined);
    fs.rmSync(this.profileRoot, { recursive: true, force: true, maxRetries: 3 });
    untrackTempDir(this.profileRoot);
  }
}

/** Runs in the page before VS Code: records every toast message that is ever rendered. */
function recordToasts(): void {
  const w = window as unknown as { __klSeenToasts?: string[]; __klToastLog?: SeenToast[] };
  w.__klSeenToasts = [];
  w.__klToastLog = [];
  const shown = new WeakMap<Element, string>();
  // Each toast element gets a number, so a message updated in place (a progress notification's detail) is told apart
  // from a second toast with the same words.
  const toastIds = new WeakMap<Element, number>();
  let lastId = 0;
  const scan = (): void => {
    for (const el of Array.from(document.querySelectorAll('.notification-toast .notification-list-item-message'))) {
      const text = (el as HTMLElement).innerText.trim();
      if (text && shown.get(el) !== text) {
        shown.set(el, text);
        w.__klSeenToasts?.push(text);
        const toast = el.closest('.notification-toast') ?? el;
        let toastId = toastIds.get(toast);
        if (toastId === undefined) {
          toastId = ++lastId;
          toastIds.set(toast, toastId);
        }
        w.__klToastLog?.push({ toast: toastId, text });
      }
    }
  };
  new MutationObserver(() => {
    if (document.querySelector('.notification-toast')) scan();
  }).observe(document, { subtree: true, childList: true, characterData: true });
}

/** Launch Chromium (fresh profile), open the workbench URL and wait until the workbench is ready. */
export async function openWorkbench(url: string, options: WorkbenchOptions = {}): Promise<Workbench> {
  const executablePath = options.executablePath ?? process.env.KUBELINK_E2E_CHROMIUM ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) {
    throw new Error(`e2e: Chromium not found at ${executablePath}: run bash scripts/e2e/install.sh (apt-get install chromium)`);
  }
  const started = Date.now();
  const profileRoot = fs.mkdtempSync(path.join(os.tmpdir(), 'kl-e2e-chromium-'));
  trackTempDir(profileRoot);
  const home = path.join(profileRoot, 'home');
  fs.mkdirSync(home);
  const context = await chromium.launchPersistentContext(path.join(profileRoot, 'profile'), {
    executablePath,
    headless: !(options.headed ?? process.env.KUBELINK_E2E_HEADED === '1'),
    args: CHROMIUM_ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ignoreHTTPSErrors: options.ignoreHTTPSErrors ?? false,
    // Chromium writes caches and config into HOME/XDG dirs otherwise.
    env: {
      ...process.env,
      HOME: home,
      XDG_CONFIG_HOME: path.join(home, '.config'),
      XDG_CACHE_HOME: path.join(home, '.cache'),
      XDG_DATA_HOME: path.join(home, '.local', 'share'),
    },
    timeout: 60_000,
  });
  // Interrupted (Ctrl-C): the browser closes before its profile folder is removed.
  const unregisterCloser = registerCloser(() => context.close());
  const timeoutMs = options.timeoutMs ?? 30_000;
  try {
    await context.addInitScript(recordToasts);
    const page = context.pages()[0] ?? (await context.newPage());
    page.setDefaultTimeout(timeoutMs);
    const readyTimeout = options.readyTimeoutMs ?? 90_000;
    await page.goto(url, { timeout: readyTimeout });
    for (const sel of ['.monaco-workbench', '.monaco-workbench .part.activitybar', '.monaco-workbench .part.statusbar']) {
      await page.locator(sel).first().waitFor({ state: 'visible', timeout: Math.max(1000, started + readyTimeout - Date.now()) });
    }
    const readyMs = Date.now() - started;
    recordTiming('workbench ready', readyMs, { name: options.name });
    const wb = new Workbench(context, page, readyMs, timeoutMs, profileRoot);
    wb.unregisterCloser = unregisterCloser;
    return wb;
  } catch (err) {
    unregisterCloser();
    await context.close().catch(() => undefined);
    fs.rmSync(profileRoot, { recursive: true, force: true });
    untrackTempDir(profileRoot);
    throw err;
  }
}
