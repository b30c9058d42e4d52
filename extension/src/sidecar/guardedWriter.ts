import type { Message, MessageWriter } from 'vscode-jsonrpc';

/**
 * Wraps the stdin writer so a write never rejects. vscode-jsonrpc 8.2.1 rethrows a failed request write from inside a
 * Promise executor, which surfaces as an unhandled rejection when the sidecar dies mid-write (fixed upstream in
 * microsoft/vscode-languageserver-node#1855, not yet released in 8.x). A failed write means the pipe is gone, so we
 * report it once through `onWriteFailed`; the session then disposes the connection, which rejects pending requests.
 */
export class GuardedWriter implements MessageWriter {
  private failed = false;

  constructor(
    private readonly inner: MessageWriter,
    private readonly onWriteFailed: (error: unknown) => void,
  ) {}

  get onError(): MessageWriter['onError'] {
    return this.inner.onError;
  }

  get onClose(): MessageWriter['onClose'] {
    return this.inner.onClose;
  }

  async write(message: Message): Promise<void> {
    if (this.failed) {
      return;
    }
    try {
      await this.inner.write(message);
    } catch (error) {
      this.failed = true;
      this.onWriteFailed(error);
    }
  }

  end(): void {
    this.inner.end();
  }

  dispose(): void {
    this.inner.dispose();
  }
}
