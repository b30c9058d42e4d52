import type { LogLevel, Logger } from './logger';

/**
 * The sidecar's stderr is its log: `[INF] Source.Context: message` per event (see Logging.StderrTemplate in the
 * sidecar), with exception stack traces on the following lines. This module turns that stream back into leveled
 * entries for the output channel.
 */
export interface LogEntry {
  readonly level: LogLevel;
  /** The logger category (`Kubelink.Sidecar.Rpc.RpcServer`); undefined for continuation or foreign lines. */
  readonly source: string | undefined;
  readonly message: string;
}

/** Serilog's three-letter level names. FTL has no channel level of its own, so it is logged as an error. */
const levels: Readonly<Record<string, LogLevel>> = {
  VRB: 'trace',
  DBG: 'debug',
  INF: 'info',
  WRN: 'warn',
  ERR: 'error',
  FTL: 'error',
};

const header = /^\[(VRB|DBG|INF|WRN|ERR|FTL)\] ([^\s:]+): ?(.*)$/;

/** Parses one header line; undefined when the line is not one (a stack frame, or output from the dotnet host). */
export function parseLogLine(line: string): LogEntry | undefined {
  const match = header.exec(line);
  const [, level, source, message] = match ?? [];
  if (level === undefined || source === undefined || message === undefined) {
    return undefined;
  }
  return { level: levels[level] ?? 'info', source, message };
}

/**
 * Splits stderr chunks into lines and gives each line a level. A line without a header continues the previous event
 * (an exception under an `[ERR]` line stays an error); before any header, such lines are warnings, because that is
 * how the dotnet host reports it cannot start the sidecar at all.
 */
export class LogLineParser {
  private partial = '';
  private lastLevel: LogLevel = 'warn';

  push(chunk: string): LogEntry[] {
    const lines = (this.partial + chunk).split(/\r?\n/);
    this.partial = lines.pop() ?? '';
    return lines.filter((line) => line.length > 0).map((line) => this.entry(line));
  }

  /** The last line when the stream ends without a newline. */
  flush(): LogEntry[] {
    const rest = this.partial;
    this.partial = '';
    return rest.length > 0 ? [this.entry(rest)] : [];
  }

  private entry(line: string): LogEntry {
    const parsed = parseLogLine(line);
    if (parsed) {
      this.lastLevel = parsed.level;
      return parsed;
    }
    return { level: this.lastLevel, source: undefined, message: line };
  }
}

/** Writes parsed entries to `log`, each prefixed so sidecar lines stand apart from the extension's own. */
export function forwardLog(log: Logger, prefix: string, entries: readonly LogEntry[]): void {
  for (const entry of entries) {
    const text = entry.source === undefined ? entry.message : `${entry.source}: ${entry.message}`;
    log[entry.level](`${prefix} ${text}`);
  }
}
