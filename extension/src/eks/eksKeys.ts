import type * as vscode from 'vscode';
import type { EksCredentials } from '../protocol';

/**
 * Typed AWS keys, in VS Code SecretStorage only (the OS keychain), one secret per EKS connection id; the list of those
 * ids (no secret) is in the extension's global state, so after a restart the extension can hand each connection its
 * keys again (the sidecar never stores them).
 */
export class EksKeys {
  private static readonly listKey = 'kubelink.eks.typedKeyConnections';

  constructor(
    private readonly secrets: vscode.SecretStorage,
    private readonly state: vscode.Memento,
  ) {}

  async save(connection: EksConnectionRef, credentials: EksCredentials): Promise<void> {
    await this.secrets.store(secretKey(connection), JSON.stringify(credentials));
    const list = this.list().filter((c) => idOf(c) !== idOf(connection));
    await this.state.update(EksKeys.listKey, [...list, connection]);
  }

  async get(connection: EksConnectionRef): Promise<EksCredentials | undefined> {
    const text = await this.secrets.get(secretKey(connection));
    return text === undefined ? undefined : (JSON.parse(text) as EksCredentials);
  }

  async forget(id: string): Promise<void> {
    const connection = this.list().find((c) => idOf(c) === id);
    if (connection) {
      await this.secrets.delete(secretKey(connection));
      await this.state.update(EksKeys.listKey, this.list().filter((c) => idOf(c) !== id));
    }
  }

  /** Connections added with typed keys, for re-sending them to a new sidecar. */
  list(): EksConnectionRef[] {
    return this.state.get<EksConnectionRef[]>(EksKeys.listKey) ?? [];
  }
}

/** An EKS connection as the sidecar names it: its id is `{region}_{name}`. */
export interface EksConnectionRef {
  readonly region: string;
  readonly name: string;
}

export function idOf(connection: EksConnectionRef): string {
  return `${connection.region}_${connection.name}`;
}

function secretKey(connection: EksConnectionRef): string {
  return `kubelink.eks.keys/${idOf(connection)}`;
}
