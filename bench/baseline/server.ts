// The naive baseline server: plain `ws`, JSON messages, rooms of 8 running the shared rules, full state broadcast at 60 Hz.
// Started by the benchmark as a child process (PORT env); GET /healthz and /metrics, POST /metrics/reset like Rebound.
import { randomUUID } from "node:crypto";
import { createServer } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { countRoomsWith, metricsRegistry, resetMetrics } from "../../server/metrics.ts";
import { parseClientMessage, type BaselineServerMessage } from "./protocol.ts";
import { BaselineRoom } from "./room.ts";

const port = Number(process.env.PORT ?? 2570);
const rooms = new Map<string, BaselineRoom>();
/** Lets the launcher tell this process from a leftover server on the same port (see harness/childServer.ts). */
const instance = process.env.REBOUND_INSTANCE_ID || randomUUID();

const http = createServer((req, res) => {
  const json = (body: unknown): void => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
  };
  if (req.method === "GET" && req.url === "/healthz") return json({ ok: true, instance });
  if (req.method === "GET" && req.url === "/metrics") {
    void metricsRegistry.metrics().then((text) => res.writeHead(200, { "content-type": metricsRegistry.contentType }).end(text));
    return;
  }
  if (req.method === "POST" && req.url === "/metrics/reset") {
    void resetMetrics().then(() => json({ ok: true }));
    return;
  }
  res.writeHead(404).end();
});

function send(socket: WebSocket, message: BaselineServerMessage): void {
  socket.send(JSON.stringify(message));
}

const wss = new WebSocketServer({ server: http, maxPayload: 4096 });
countRoomsWith(() => ({ rooms: rooms.size, clients: wss.clients.size }));
wss.on("connection", (socket) => {
  let room: BaselineRoom | null = null;
  socket.on("message", (data, isBinary) => {
    const message = isBinary ? null : parseClientMessage(data.toString());
    if (!message) {
      socket.close(4102, "bad message");
      return;
    }
    if (message.t === "input") {
      room?.input(socket, { seq: message.seq, moveX: message.moveX, moveY: message.moveY, kick: message.kick });
      return;
    }
    if (message.t === "start") {
      room?.start(socket);
      return;
    }
    if (room) return; // already seated
    if (message.t === "create") {
      const id = randomUUID().slice(0, 9);
      room = new BaselineRoom(id, () => rooms.delete(id));
      rooms.set(id, room);
    } else {
      room = rooms.get(message.room) ?? null;
    }
    const seat = room?.join(socket, message.name) ?? null;
    if (!room || !seat) {
      room = null;
      send(socket, { t: "error", message: "no such room or room full" });
      socket.close(4404, "no seat");
      return;
    }
    send(socket, { t: "welcome", room: room.id, id: seat.id });
  });
  socket.on("close", () => room?.leave(socket));
  socket.on("error", () => socket.terminate());
});

http.listen(port, () => console.log(`naive baseline listening on http://127.0.0.1:${port}`));
process.on("SIGTERM", () => process.exit(0));
