import { Emitter, type Disposable } from '../sidecar/events';

/**
 * The cluster the user is working with: the last one they connected or selected in the tree. The cluster status-bar
 * item shows it and the cluster commands run on it when invoked from the palette.
 */
export class ClusterFocus implements Disposable {
  private current: string | undefined;
  private readonly emitter = new Emitter<string | undefined>();

  readonly onDidChange = this.emitter.event;

  get id(): string | undefined {
    return this.current;
  }

  set(id: string): void {
    if (id !== this.current) {
      this.current = id;
      this.emitter.fire(id);
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
