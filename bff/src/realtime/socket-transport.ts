import type { ServerToClientEvents } from "@pregao/contracts";
import type { ConflationTransport } from "./conflation.ts";
import type { PregaoSocket } from "./socket-events.ts";

/** engine.io's MESSAGE packet type: a socket.io packet travels as `4` + its text (engine.io-parser's PACKET_TYPES). */
const ENGINE_MESSAGE = "4";
/** socket.io's EVENT packet type (socket.io-parser's PacketType.EVENT). */
const EVENT = 2;

/** What this module reads of engine.io's connection and its websocket transport (untyped internals, socket.io 4.8). */
interface EngineConn {
  readyState: string;
  writeBuffer: unknown[];
  transport: {
    name: string;
    writable: boolean;
    /** The `ws` WebSocket, on the websocket transport only. */
    socket?: { readyState: number; bufferedAmount: number; send(data: string): void };
  };
}

interface Encoder {
  encode(packet: { type: number; nsp: string; data: unknown[] }): unknown[];
}

const WS_OPEN = 1;

/**
 * The conflator's view of a socket: market-data batches, written the shortest safe way.
 *
 * A batch is encoded by the server's own encoder (the shared-JSON one: each quote serialised once per tick) and, when
 * nothing of this socket is queued or in flight in engine.io and the transport is a websocket, handed straight to the
 * `ws` socket as engine.io would frame it. That skips engine.io's per-packet machinery (packet objects, its write
 * buffer, `packetCreate`/`flush`/`drain` events and a write callback per frame), which a 700-client profile put at
 * ≈ 8 % of the BFF's CPU (−16 % fan-out CPU per update in bench/src/hotpath-fanout.ts `--write`). `onAnyOutgoing`
 * listeners still see every batch. Order is kept: anything emitted earlier is either already in `ws` (which writes
 * in order) or still in engine.io, and then this batch goes through engine.io too, behind it. Long-polling always
 * goes through engine.io.
 *
 * A class, not closures: two closures per socket cost ≈ 700 B of heap on every idle socket.
 */
export class SocketTransport implements ConflationTransport {
  constructor(private readonly socket: PregaoSocket) {}

  emit<E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>): void {
    const ws = this.idleWebSocket();
    if (ws) {
      const encoder = (this.socket.nsp.server as unknown as { encoder: Encoder }).encoder;
      const [text, ...more] = encoder.encode({
        type: EVENT,
        nsp: this.socket.nsp.name,
        data: [event, ...args],
      });
      // One text packet, as every market batch is (binary data would come with attachments).
      if (typeof text === "string" && more.length === 0) {
        ws.send(ENGINE_MESSAGE + text);
        // What socket.emit does for every packet it sends (the sent-messages metric listens there).
        for (const listener of this.socket.listenersAnyOutgoing()) listener.call(this.socket, event, ...args);
        return;
      }
    }
    (this.socket.emit as (e: E, ...a: Parameters<ServerToClientEvents[E]>) => boolean)(event, ...args);
  }

  /** False while earlier frames are still queued, in engine.io or in the socket: skip this flush, keep conflating. */
  drained(): boolean {
    const { transport, writeBuffer } = this.socket.conn as unknown as EngineConn;
    return transport.writable && writeBuffer.length === 0 && (transport.socket?.bufferedAmount ?? 0) === 0;
  }

  /** The open websocket when a write may bypass engine.io without overtaking anything; otherwise null. */
  private idleWebSocket(): NonNullable<EngineConn["transport"]["socket"]> | null {
    if (!this.socket.connected) return null;
    const { readyState, transport, writeBuffer } = this.socket.conn as unknown as EngineConn;
    const ws = transport.socket;
    if (
      readyState !== "open" ||
      transport.name !== "websocket" ||
      !transport.writable ||
      writeBuffer.length > 0
    )
      return null;
    return ws && ws.readyState === WS_OPEN ? ws : null;
  }
}
