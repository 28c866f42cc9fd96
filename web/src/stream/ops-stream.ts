import { opsSubscribeResultSchema, opsUpdateSchema } from "@pregao/contracts";
import { useOpsStore } from "./ops-store.ts";
import type { AppSocket } from "./socket-client.ts";

const ACK_TIMEOUT_MS = 5000;

let holders = 0;
let socket: AppSocket | null = null;

function subscribe(s: AppSocket): void {
  s.timeout(ACK_TIMEOUT_MS)
    .emitWithAck("ops:subscribe", {})
    .then(
      (ack) => {
        if (socket !== s || holders === 0) return;
        if (!ack.ok) return useOpsStore.getState().failed(ack.error);
        const parsed = opsSubscribeResultSchema.safeParse(ack.data);
        if (parsed.success) useOpsStore.getState().subscribed(parsed.data);
        else
          useOpsStore
            .getState()
            .failed({ code: "BAD_SNAPSHOT", message: "Unexpected ops snapshot from the server" });
      },
      () => {
        if (socket === s && holders > 0)
          useOpsStore
            .getState()
            .failed({ code: "NO_ANSWER", message: "The server did not answer ops:subscribe" });
      },
    );
}

/**
 * Keep the ops stream subscribed while held (the Health panel, while mounted). The first holder subscribes; the last
 * release unsubscribes and clears the store.
 */
export function retainOps(): () => void {
  holders++;
  if (holders === 1 && socket?.connected) subscribe(socket);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    holders--;
    if (holders > 0) return;
    if (socket?.connected)
      void socket
        .timeout(ACK_TIMEOUT_MS)
        .emitWithAck("ops:unsubscribe", {})
        .catch(() => undefined);
    useOpsStore.getState().clear();
  };
}

/**
 * Wire one socket's ops events into the store. Every (re)connect re-subscribes while held: the server forgets a socket's
 * rooms when it goes. Updates are validated (one a second: cheap) so a bad push cannot crash the panel.
 */
export function attachOpsStream(s: AppSocket): () => void {
  socket = s;
  const onConnect = () => {
    if (holders > 0) subscribe(s);
  };
  const onUpdated = (raw: unknown) => {
    if (holders === 0) return;
    const parsed = opsUpdateSchema.safeParse(raw);
    if (parsed.success) useOpsStore.getState().updated(parsed.data);
    else console.warn("ops:updated failed validation", parsed.error);
  };
  s.on("connect", onConnect);
  s.on("ops:updated", onUpdated);
  if (s.connected) onConnect();
  return () => {
    s.off("connect", onConnect);
    s.off("ops:updated", onUpdated);
    if (socket === s) socket = null;
  };
}
