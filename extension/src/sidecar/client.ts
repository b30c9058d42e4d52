import type { MessageConnection, NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-jsonrpc';
import { ExitNotification, InitializeRequest, ShutdownRequest, type InitializeParams, type InitializeResult } from '../protocol';
import type { Disposable } from './events';
import type { Logger } from './logger';
import { loggedCall } from './rpcLog';

/**
 * The typed face of one JSON-RPC connection to the sidecar. Calls take the `RequestType` objects generated in
 * protocol/, so a new method needs no code here: `client.request(CatalogListRequest, params)` is typed end to end.
 */
export class SidecarClient {
  constructor(
    private readonly connection: MessageConnection,
    private readonly log: Logger,
  ) {}

  request<P, R>(type: RequestType<P, R, unknown>, params: P): Promise<R> {
    return loggedCall(this.log, type.method, () => this.connection.sendRequest(type, params));
  }

  request0<R>(type: RequestType0<R, unknown>): Promise<R> {
    return loggedCall(this.log, type.method, () => this.connection.sendRequest(type));
  }

  /** Notifications have no answer; a failure here means the pipe is gone, which the exit handling reports. */
  // async, so that "connection is disposed", which vscode-jsonrpc throws synchronously, arrives as a rejection.
  async notify<P>(type: NotificationType<P>, params: P): Promise<void> {
    this.log.trace(`→ ${type.method} (notification)`);
    await this.connection.sendNotification(type, params);
  }

  async notify0(type: NotificationType0): Promise<void> {
    this.log.trace(`→ ${type.method} (notification)`);
    await this.connection.sendNotification(type);
  }

  /** Server → client notifications (`catalog/changed` and the like). */
  onNotification<P>(type: NotificationType<P>, handler: (params: P) => void): Disposable {
    return this.connection.onNotification(type, handler);
  }

  initialize(params: InitializeParams): Promise<InitializeResult> {
    return this.request(InitializeRequest, params);
  }

  shutdown(): Promise<null> {
    return this.request0(ShutdownRequest);
  }

  exit(): Promise<void> {
    return this.notify0(ExitNotification);
  }
}
