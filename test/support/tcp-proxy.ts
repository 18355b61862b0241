import net from "node:net";

/**
 * A TCP proxy on 127.0.0.1 in front of a real server (MariaDB, Redis), so a
 * test can cut or freeze the link the way an outage would, without touching
 * the shared server itself.
 */
export interface TcpProxy {
  readonly port: number;
  /** Closes every connection and refuses new ones until `restore`. */
  cut(): void;
  /** Keeps connections open but stops passing bytes either way until `restore` (like a server under SIGSTOP). */
  freeze(): void;
  restore(): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let state: "open" | "cut" | "frozen" = "open";
  const pairs = new Set<[net.Socket, net.Socket]>();

  const server = net.createServer((client) => {
    if (state === "cut") {
      client.destroy();
      return;
    }
    const upstream = net.connect(target.port, target.host);
    const pair: [net.Socket, net.Socket] = [client, upstream];
    pairs.add(pair);
    client.pipe(upstream);
    upstream.pipe(client);
    // Paused sockets stop reading: bytes wait in the kernel, nothing is lost.
    if (state === "frozen") for (const socket of pair) socket.pause();
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("close", end).on("error", end);
    upstream.on("close", end).on("error", end);
  });

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;

  const cut = () => {
    state = "cut";
    for (const [client, upstream] of pairs) {
      client.destroy();
      upstream.destroy();
    }
    pairs.clear();
  };

  return {
    port,
    cut,
    freeze() {
      state = "frozen";
      for (const pair of pairs) for (const socket of pair) socket.pause();
    },
    restore() {
      state = "open";
      for (const pair of pairs) for (const socket of pair) socket.resume();
    },
    async close() {
      cut();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
