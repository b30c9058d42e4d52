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

/** Whether a catalog entry can be connected to. */
export type CatalogEntryState = 'valid' | 'invalid';

/** Every kind of kubeconfig problem the validator reports. */
export type KubeconfigProblem = 'unreadableFile' | 'fileTooLarge' | 'notText' | 'yamlSyntax' | 'notAKubeconfig' | 'missingCluster' | 'missingUser' | 'missingServer' | 'invalidServerUrl' | 'unreadableCredentialFile' | 'invalidBase64' | 'unknownAuthProvider' | 'execCommandNotFound';

/** Server → client: what changed in the catalog since the last notification. Never sent for an unchanged file. */
export interface CatalogChangedParams {
  /** New entries. */
  added: CatalogEntry[];
  /** Entries whose content changed (same id). */
  updated: CatalogEntry[];
  /** Ids of entries that are gone. */
  removed: string[];
}

/** One kubeconfig context in the cluster catalog, valid or not. A broken context is listed with its error, never dropped. */
export interface CatalogEntry {
  /** Stable across restarts and edits: derived from the file's full path and the context name. */
  id: string;
  /** What the tree shows: the context name, or the file name for a file that has no readable context. */
  name: string;
  /** The context's name in its kubeconfig ("" for an entry that stands for a whole unreadable file). */
  contextName: string;
  /** The kubeconfig file the context is defined in. */
  source: string;
  /** What the tree groups by: the `KUBECONFIG` / `~/.kube/config` file, or the sync path (file or folder) the user added. */
  sourceGroup: string;
  /** The API server URL, when the context resolves to a cluster that has one. */
  server: string | null;
  /** The kubeconfig user name the context uses. */
  user: string | null;
  /** The context's default namespace. */
  namespace: string | null;
  /** Whether the entry can be connected to. */
  state: CatalogEntryState;
  /** Why the entry is invalid, or null. */
  error: CatalogError | null;
  /** True for the `current-context` of the merged `KUBECONFIG` (kubectl's rule: the first file that sets it). */
  isCurrentContext: boolean;
  /** The 1-based line of the context entry in `Source`, for "open at line". */
  line: number | null;
}

/** Why a kubeconfig entry cannot be used, with where to look. */
export interface CatalogError {
  /** What kind of problem it is. */
  code: KubeconfigProblem;
  /** The cause and the next step, in words. */
  message: string;
  /** The file to open. */
  file: string;
  /** The 1-based line to open it at, when known. */
  line: number | null;
}

/** The catalog: every context of every kubeconfig source. */
export interface CatalogListResult {
  /** All entries, valid and invalid, in source order. */
  clusters: CatalogEntry[];
}

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

/** Client → server: the user's extra kubeconfig files and folders (setting `kubelink.kubeconfig.syncPaths`). */
export interface SetSyncPathsParams {
  /** Absolute paths of files or folders; `~` at the start means the home folder. */
  paths: string[];
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

/**
 * The whole cluster catalog.
 * Direction: client → server.
 */
export const CatalogListRequest = new RequestType0<CatalogListResult, void>('catalog/list');

/**
 * Re-reads every kubeconfig source now (the watcher normally makes this unnecessary); answers the new catalog.
 * Direction: client → server.
 */
export const CatalogRefreshRequest = new RequestType0<CatalogListResult, void>('catalog/refresh');

/**
 * Entries added, updated or removed, after a kubeconfig file or folder changed.
 * Direction: server → client.
 */
export const CatalogChangedNotification = new NotificationType<CatalogChangedParams>('catalog/changed');

/**
 * Replaces the user's sync paths; answers the catalog once they have been read.
 * Direction: client → server.
 */
export const KubeconfigSetSyncPathsRequest = new RequestType<SetSyncPathsParams, CatalogListResult, void>('kubeconfig/setSyncPaths');

/** Every method of the contract, by wire name. */
export const allMethods = ['initialize', 'shutdown', 'exit', 'catalog/list', 'catalog/refresh', 'catalog/changed', 'kubeconfig/setSyncPaths'] as const;
