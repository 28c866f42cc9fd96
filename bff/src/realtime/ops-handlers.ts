import { z } from "zod";
import type {
  ClientToServerEvents,
  OpsSubscribeResult,
  PingResult,
  ServerToClientEvents,
} from "@pregao/contracts";
import type { Server } from "socket.io";
import type { ConnectedCounts, OpsService } from "../observability/ops-service.ts";
import { validationError } from "./ack.ts";
import { socketAuthOf } from "./auth.ts";
import type { HandlerTable } from "./socket-events.ts";

/** The socket.io room of sockets watching the ops panel. */
export const OPS_ROOM = "ops";
type Io = Server<ClientToServerEvents, ServerToClientEvents>;
/** `{}`; unknown keys are ignored (zod's default), anything that is not an object is VALIDATION_FAILED. */
const emptyPayload = z.object({});

const checkEmpty = (payload: unknown): void => {
  const parsed = emptyPayload.safeParse(payload);
  if (!parsed.success) throw validationError(parsed.error);
};

/**
 * `ops:subscribe` (joins the ops room; the ack carries the snapshot and the history), `ops:unsubscribe`, and
 * `connection:ping` (the server clock, for the browser's own round trip). `ops:read` is enforced before these run by
 * the access table (realtime/auth.ts).
 */
export function opsHandlers(ops: Pick<OpsService, "snapshot" | "samples">): HandlerTable {
  return [
    [
      "ops:subscribe",
      async (payload, socket): Promise<OpsSubscribeResult> => {
        checkEmpty(payload);
        await socket.join(OPS_ROOM);
        return { snapshot: ops.snapshot(), history: ops.samples() };
      },
    ],
    [
      "ops:unsubscribe",
      async (payload, socket) => {
        checkEmpty(payload);
        await socket.leave(OPS_ROOM);
        return { subscribed: false as const };
      },
    ],
    [
      "connection:ping",
      (payload): PingResult => {
        checkEmpty(payload);
        return { serverTime: Date.now() };
      },
    ],
  ];
}

/** Pushes `ops:updated` every `pushMs` while the ops room has members; builds nothing while it is empty. */
export function startOpsPush(io: Io, ops: Pick<OpsService, "update">, pushMs: number): () => void {
  const timer = setInterval(() => {
    if (!io.sockets.adapter.rooms.get(OPS_ROOM)?.size) return;
    io.local.to(OPS_ROOM).emit("ops:updated", ops.update());
  }, pushMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** Connected sockets, distinct sessions, distinct users holding the trader role (O(sockets), read on demand). */
export function connectedCounts(io: Io): ConnectedCounts {
  const sessions = new Set<string>();
  const traders = new Set<string>();
  for (const socket of io.sockets.sockets.values()) {
    const auth = socketAuthOf(socket);
    if (!auth) continue;
    sessions.add(auth.sessionHash);
    if (auth.user.roles.includes("trader")) traders.add(auth.user.id);
  }
  return { sockets: io.sockets.sockets.size, sessions: sessions.size, traders: traders.size };
}
