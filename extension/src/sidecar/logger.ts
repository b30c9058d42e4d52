/**
 * The logging surface the VS Code-free core writes to. VS Code's `LogOutputChannel` satisfies it structurally,
 * so the adapters pass the channel straight in and the tests pass an array-backed fake.
 */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export type LogLevel = keyof Logger;

/** Discards everything; for callers that do not care. */
export const nullLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
