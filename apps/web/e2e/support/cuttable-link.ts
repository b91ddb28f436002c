import net from 'node:net';

export interface CuttableLink {
  /** Where the browser connects: the stack behind this link. */
  baseUrl: string;
  /** Sends the stack's traffic to `port` on loopback. */
  connectTo(port: number): void;
  /** Resets every open connection mid-transfer and refuses new ones, as a lost mobile network does. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay between the browser and the stack. Chrome's offline emulation lets a request already sending
 * its body finish, so a real cut needs the connection itself to drop: the server sees a torn PATCH.
 */
export async function startCuttableLink(): Promise<CuttableLink> {
  const open = new Set<net.Socket>();
  let targetPort: number | undefined;
  let down = false;
  const server = net.createServer((client) => {
    if (down || targetPort === undefined) return void client.resetAndDestroy();
    const upstream = net.connect(targetPort, '127.0.0.1');
    const drop = () => {
      open.delete(client);
      open.delete(upstream);
      client.destroy();
      upstream.destroy();
    };
    for (const socket of [client, upstream]) {
      open.add(socket);
      socket.on('error', drop).on('close', drop);
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    connectTo: (stackPort) => (targetPort = stackPort),
    cut: () => {
      down = true;
      for (const socket of open) socket.resetAndDestroy();
      open.clear();
    },
    restore: () => (down = false),
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
