import type { LogLevel, Logger } from '../../../extension/src/sidecar/logger';

/** Keeps every line, so tests can assert what the output channel would have shown. */
export class RecordingLogger implements Logger {
  readonly lines: Array<{ level: LogLevel; message: string }> = [];

  trace(message: string): void {
    this.lines.push({ level: 'trace', message });
  }
  debug(message: string): void {
    this.lines.push({ level: 'debug', message });
  }
  info(message: string): void {
    this.lines.push({ level: 'info', message });
  }
  warn(message: string): void {
    this.lines.push({ level: 'warn', message });
  }
  error(message: string): void {
    this.lines.push({ level: 'error', message });
  }

  text(): string {
    return this.lines.map((line) => `${line.level}: ${line.message}`).join('\n');
  }
}
