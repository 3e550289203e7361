import net from "node:net";
import { WebSocketServer } from "ws";

/**
 * A WebSocket→TCP proxy, what Neon runs in front of its servers: each WebSocket on /v1 becomes one TCP
 * connection to `target`, bytes piped both ways. Lets @vercel/postgres talk to a local PostgreSQL.
 */
export async function startWsProxy(target: { host: string; port: number }): Promise<{ address: string; close(): Promise<void> }> {
  const server = new WebSocketServer({ host: "127.0.0.1", port: 0, path: "/v1" });
  server.on("connection", (socket) => {
    const tcp = net.connect(target.port, target.host);
    const pending: Buffer[] = [];
    tcp.on("connect", () => {
      for (const chunk of pending.splice(0)) tcp.write(chunk);
    });
    socket.on("message", (data: Buffer) => (tcp.connecting ? pending.push(data) : tcp.write(data)));
    tcp.on("data", (data) => socket.send(data));
    socket.on("close", () => tcp.destroy());
    socket.on("error", () => tcp.destroy());
    tcp.on("close", () => socket.close());
    tcp.on("error", () => socket.terminate());
  });
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    address: `127.0.0.1:${port}/v1`,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of server.clients) client.terminate();
        server.close(() => resolve());
      }),
  };
}
