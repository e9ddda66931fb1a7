// A loopback TCP proxy in front of a server whose connections a test can cut (RST both ways), block or pause, to play a client's network going down and coming back.
import { connect, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  port: number;
  /** http://127.0.0.1:<port> */
  endpoint: string;
  /** Connections currently piped through. */
  readonly open: number;
  /** Resets every live connection, both sides, without a WebSocket close frame: a network cut. */
  cut(): number;
  /** While blocked, new connections are reset at once (the network is still down). */
  block(blocked: boolean): void;
  /** While paused, nothing moves either way but every connection stays open: bytes queue up and arrive
   * in one burst on resume, as when a client's network stalls and recovers. */
  pause(paused: boolean): void;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<[Socket, Socket]>();
  let blocked = false;
  let paused = false;
  const server: Server = createServer((downstream) => {
    if (blocked) {
      downstream.resetAndDestroy();
      return;
    }
    const upstream = connect(targetPort, "127.0.0.1");
    const pair: [Socket, Socket] = [downstream, upstream];
    pairs.add(pair);
    const end = (): void => {
      pairs.delete(pair);
      downstream.destroy();
      upstream.destroy();
    };
    downstream.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    downstream.pipe(upstream);
    upstream.pipe(downstream);
    if (paused) { downstream.pause(); upstream.pause(); }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  return {
    port,
    endpoint: `http://127.0.0.1:${port}`,
    get open() { return pairs.size; },
    cut: () => {
      const count = pairs.size;
      for (const [downstream, upstream] of [...pairs]) {
        downstream.resetAndDestroy();
        upstream.resetAndDestroy();
      }
      pairs.clear();
      return count;
    },
    block: (value) => { blocked = value; },
    pause: (value) => {
      paused = value;
      for (const pair of pairs) for (const socket of pair) {
        if (value) socket.pause();
        else socket.resume();
      }
    },
    close: () => new Promise<void>((resolve) => {
      for (const [downstream, upstream] of pairs) { downstream.destroy(); upstream.destroy(); }
      server.close(() => resolve());
    }),
  };
}
