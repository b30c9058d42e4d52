import type { InitializeResult } from '../protocol';

/**
 * What the sidecar is doing, as the supervisor sees it. The status bar and the notifications are functions of this,
 * so every state carries what they need to show.
 */
export type SidecarState =
  | { readonly kind: 'stopped' }
  /** `restart` counts the automatic restarts so far in this outage (0 on the first start). */
  | { readonly kind: 'starting'; readonly restart: number }
  | { readonly kind: 'ready'; readonly info: InitializeResult }
  | { readonly kind: 'restarting'; readonly attempt: number; readonly delayMs: number; readonly reason: string }
  /** Not running and not being restarted: `cause` says whether it kept crashing or cannot start at all. */
  | { readonly kind: 'crashed'; readonly cause: 'gaveUp' | 'cannotStart'; readonly reason: string; readonly crashes: number }
  /** The sidecar speaks another protocol version; `message` says which and what to do. Never retried. */
  | { readonly kind: 'incompatible'; readonly message: string };

export type SidecarStateKind = SidecarState['kind'];
