// GENERATED from the sidecar's contract (`kubelink-sidecar contract`) by scripts/gen-protocol.mjs.
// Do not edit by hand: change the C# records in server/Kubelink.Protocol, then run `npm run gen:protocol`.
// A test regenerates this file and fails when it drifts from the C# side.

import { NotificationType, NotificationType0, RequestType, RequestType0 } from 'vscode-jsonrpc';

/** The protocol version this extension speaks; the sidecar must answer the same in `initialize`. */
export const protocolVersion = 1;

/** Error codes on the wire. Branch on these, never on message text. */
export const ErrorCodes = {
  /** JSON-RPC: the frame was not valid JSON. */
  ParseError: -32700,
  /** JSON-RPC: the message was not a valid request object. */
  InvalidRequest: -32600,
  /** JSON-RPC: no such method. */
  MethodNotFound: -32601,
  /** JSON-RPC: params missing or of the wrong shape. */
  InvalidParams: -32602,
  /** JSON-RPC: an unexpected failure inside the sidecar; the message says where to look (the log). */
  InternalError: -32603,
  /** A request other than `initialize` arrived before `initialize` succeeded. */
  ServerNotInitialized: -32002,
  /** The client speaks a protocol version this sidecar does not. */
  ProtocolMismatch: 1000,
  /** The sidecar is shutting down and accepts no new work. */
  ShuttingDown: 1001,
  /** A setting passed by the client is invalid; the message names the setting. */
  InvalidSettings: 1002,
} as const;

/** Client → server, first message of every session: who the client is and which protocol it speaks. */
export interface InitializeParams {
  /** The client's name, for the log ("Kubelink for VS Code"). */
  clientName: string;
  /** The client's version, for the log. */
  clientVersion: string;
  /** The protocol version the client was built against; must equal `Version`. */
  protocolVersion: number;
  /** The user's settings that the sidecar needs; absent fields keep their defaults. */
  settings?: SidecarSettings | null;
}

/** Server → client answer to `initialize`. */
export interface InitializeResult {
  /** The sidecar's version (its assembly informational version). */
  serverVersion: string;
  /** The protocol version the sidecar speaks. */
  protocolVersion: number;
  /** What this sidecar can do. */
  capabilities: ServerCapabilities;
}

/** What the sidecar offers, so a client can hide what an older sidecar lacks. */
export interface ServerCapabilities {
  /** Every method name the sidecar handles, requests and notifications alike. */
  methods: string[];
  /** The process id of the sidecar, so the client can tell a restart from a reconnect. */
  processId: number;
  /** Where the sidecar writes its rolling log file. */
  logDirectory: string;
}

/** Settings the extension forwards to the sidecar. Every field is optional. */
export interface SidecarSettings {
  /** Extra kubeconfig files or folders to sync, besides `KUBECONFIG` / `~/.kube/config`. */
  kubeconfigSyncPaths?: string[] | null;
}

/**
 * Handshake: the first request of every session. Fails with `ProtocolMismatch` when versions differ.
 * Direction: client → server.
 */
export const InitializeRequest = new RequestType<InitializeParams, InitializeResult, void>('initialize');

/**
 * Asks the sidecar to stop its work; it answers when done. Only `exit` may follow.
 * Direction: client → server.
 */
export const ShutdownRequest = new RequestType0<null, void>('shutdown');

/**
 * Tells the sidecar to exit its process now.
 * Direction: client → server.
 */
export const ExitNotification = new NotificationType0('exit');

/** Every method of the contract, by wire name. */
export const allMethods = ['initialize', 'shutdown', 'exit'] as const;
