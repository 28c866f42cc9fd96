import { serverDrainingSchema } from "@pregao/contracts";
import type { AppSocket } from "./socket-client.ts";

/**
 * `server:draining`: the instance behind this socket is shutting down. After the delay it names (the server spreads
 * its clients with jitter), close the transport; socket.io then reconnects by itself, and through the gateway the new
 * connection lands on another instance (the draining one refuses new sockets). The UI goes "Reconnecting…" then
 * "Reconnected" like after any drop.
 *
 * The engine is closed rather than `socket.disconnect()` + `connect()`: the server sees a transport close, which
 * connection state recovery treats as a temporary drop (it keeps the session's rooms and the events sent meanwhile for
 * the next instance to restore), while a client-side `disconnect()` is final and discards them (socket.io docs,
 * "Connection state recovery").
 */
export function attachDrainHandling(socket: AppSocket): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancel = () => {
    clearTimeout(timer);
    timer = undefined;
  };
  const onDraining = (raw: unknown) => {
    const parsed = serverDrainingSchema.safeParse(raw);
    if (!parsed.success) return console.warn("server:draining failed validation", parsed.error);
    if (timer !== undefined) return; // one reconnect per drain, at the first time the server named
    timer = setTimeout(() => {
      timer = undefined;
      if (socket.connected) socket.io.engine.close();
    }, parsed.data.reconnectInMs);
  };
  socket.on("server:draining", onDraining);
  // Dropped before the time came (the server closed first, or the network did): socket.io is reconnecting already.
  socket.on("disconnect", cancel);
  return () => {
    cancel();
    socket.off("server:draining", onDraining);
    socket.off("disconnect", cancel);
  };
}
