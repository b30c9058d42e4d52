// The test convention: one code-server + one browser per test file (a "session"),
// started in before() and stopped in after(); each case wrapped so that a failure
// leaves a screenshot, the browser console and the VS Code logs in .test-output/e2e/.
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { TestContext } from 'node:test';
import { startCodeServer, type CodeServer, type CodeServerOptions } from './codeServer.js';
import { outputDir, recordTiming, safeName } from './paths.js';
import { openWorkbench, type Workbench, type WorkbenchOptions } from './workbench.js';

export interface SessionOptions extends CodeServerOptions {
  workbench?: WorkbenchOptions;
}

export interface CaseContext {
  wb: Workbench;
  server: CodeServer;
  t: TestContext;
}

function say(t: TestContext | undefined, line: string): void {
  // t.diagnostic lands in the reporter's output next to the failed test; stderr otherwise.
  if (t) t.diagnostic(line);
  else console.error(line);
}

export class E2ESession {
  private serverValue?: CodeServer;
  private wbValue?: Workbench;

  constructor(
    readonly name: string,
    private readonly options: SessionOptions = {},
  ) {}

  get server(): CodeServer {
    if (!this.serverValue) throw new Error(`e2e session ${this.name} is not started`);
    return this.serverValue;
  }

  get wb(): Workbench {
    if (!this.wbValue) throw new Error(`e2e session ${this.name} is not started`);
    return this.wbValue;
  }

  /** Start code-server and open the workbench (use in before()). */
  async start(): Promise<void> {
    try {
      this.serverValue = await startCodeServer({ ...this.options, name: this.options.name ?? this.name });
      console.error(`[e2e] ${this.name}: code-server answered HTTP in ${this.serverValue.startMs} ms at ${this.serverValue.url}`);
      this.wbValue = await openWorkbench(this.serverValue.workbenchUrl, { name: this.name, ...this.options.workbench });
      console.error(`[e2e] ${this.name}: workbench ready in ${this.wbValue.readyMs} ms`);
    } catch (err) {
      await this.saveArtifacts(`${this.name}-start`, undefined);
      await this.stop();
      throw err;
    }
  }

  /** Close the browser and end code-server's process group (use in after(); safe to call twice). */
  async stop(): Promise<void> {
    const wb = this.wbValue;
    const server = this.serverValue;
    this.wbValue = undefined;
    this.serverValue = undefined;
    await wb?.close().catch((e: unknown) => console.error(`[e2e] closing browser: ${String(e)}`));
    await server?.stop().catch((e: unknown) => console.error(`[e2e] stopping code-server: ${String(e)}`));
  }

  /** Wrap a test body: on failure save screenshot + logs under .test-output/e2e/ and print their paths. */
  case(fn: (ctx: CaseContext) => Promise<void>): (t: TestContext) => Promise<void> {
    return async (t: TestContext) => {
      const started = Date.now();
      try {
        await this.wbValue?.markNotifications();
        await fn({ wb: this.wb, server: this.server, t });
        recordTiming('case', Date.now() - started, { session: this.name, test: t.name, ok: true });
      } catch (err) {
        recordTiming('case', Date.now() - started, { session: this.name, test: t.name, ok: false });
        await this.saveArtifacts(`${this.name}-${t.name}`, t);
        throw err;
      }
    };
  }

  /** Screenshot, browser console and VS Code logs into .test-output/e2e/<label>*. Never throws. */
  async saveArtifacts(label: string, t: TestContext | undefined): Promise<void> {
    const base = safeName(label);
    if (this.wbValue) {
      try {
        const shot = await this.wbValue.screenshot(base);
        say(t, `e2e screenshot: ${shot}`);
      } catch (e) {
        say(t, `e2e screenshot failed: ${String(e)}`);
      }
      try {
        const file = path.join(outputDir(), `${base}.browser-console.log`);
        fs.writeFileSync(file, this.wbValue.console.join('\n') + '\n');
        say(t, `e2e browser console: ${file}`);
      } catch {
        // best effort
      }
    }
    if (this.serverValue) {
      try {
        const dir = path.join(outputDir(), `${base}-logs`);
        fs.rmSync(dir, { recursive: true, force: true });
        this.serverValue.collectLogs(dir);
        say(t, `e2e VS Code logs: ${dir}`);
      } catch (e) {
        say(t, `e2e log collection failed: ${String(e)}`);
      }
    }
  }
}

export function e2eSession(name: string, options: SessionOptions = {}): E2ESession {
  return new E2ESession(name, options);
}
