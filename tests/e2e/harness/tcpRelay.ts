// A TCP relay on 127.0.0.1 in front of the simulator: a second network path to the same cluster that a test can cut
// while the direct path stays up, as a VPN drop cuts a laptop off a cluster that keeps running. Bytes pass through
// untouched (TLS is end to end, the simulator's certificate names 127.0.0.1), so nothing about the client changes
// except the port. Cutting it closes the listener (new connections are refused) and destroys the open ones.
import * as net from 'node:net';

export interface TcpRelay {
  /** https://127.0.0.1:<relay port>: the target's URL with the relay's port. */
  readonly url: string;
  readonly port: number;
  /** Stop listening and destroy every relayed connection: clients see reset, then refused. Idempotent. */
  cut(): Promise<void>;
  /** Listen again on the same port. Idempotent. */
  restore(): Promise<void>;
  /** Cut, for good (use in after()). */
  stop(): Promise<void>;
}

export async function startTcpRelay(target: string): Promise<TcpRelay> {
  const upstream = new URL(target);
  const targetPort = Number(upstream.port);
  const sockets = new Set<net.Socket>();
  const track = (socket: net.Socket): void => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    const remote = net.connect(targetPort, upstream.hostname);
    track(client);
    track(remote);
    // Either side failing or closing ends both: the client sees what a broken path looks like.
    client.on('close', () => remote.destroy());
    remote.on('close', () => client.destroy());
    client.pipe(remote);
    remote.pipe(client);
  });
  const listen = (port: number): Promise<void> =>
    new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  await listen(0);
  const port = (server.address() as net.AddressInfo).port;
  const cut = async (): Promise<void> => {
    if (!server.listening) return;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    for (const socket of sockets) socket.resetAndDestroy();
    await closed;
  };
  return {
    url: `${upstream.protocol}//127.0.0.1:${port}`,
    port,
    cut,
    restore: async () => {
      if (!server.listening) await listen(port);
    },
    stop: cut,
  };
}
