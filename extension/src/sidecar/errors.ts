import { ErrorCodes } from '../protocol';

/** The sidecar could not be started. `retryable` is false when trying again cannot help (not found, no runtime). */
export class SidecarStartError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'SidecarStartError';
  }
}

/**
 * The sidecar speaks another protocol version. Never retried: the same binary would answer the same. The message is
 * the sidecar's own, which names both versions and the fix.
 */
export class IncompatibleSidecarError extends Error {
  readonly code = ErrorCodes.ProtocolMismatch;

  constructor(message: string) {
    super(message);
    this.name = 'IncompatibleSidecarError';
  }
}

/** The JSON-RPC error code of a failure (vscode-jsonrpc's ResponseError carries one), if it has one. */
export function errorCode(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number') {
    return error.code;
  }
  return undefined;
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
