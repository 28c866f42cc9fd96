/**
 * The least socket.io client the load generator needs, on plain `ws`: the engine.io v4 handshake over the websocket
 * transport, the main namespace's CONNECT, pings answered, one emit with an ack, and every other frame handed over as
 * text. socket.io-client decodes every packet into objects; at 1,000 clients × ≈ 15 frames a second that made the load
 * generator the first process to saturate. With this client the BFF series and the floor series pay the same
 * per-frame cost on the client side (the floor's clients are plain `ws` too).
 *
 * Wire format (engine.io protocol 4, socket.io protocol 5, one packet per WebSocket message):
 * `0{…}` open · `2` ping → `3` pong · `4…` socket.io packet: `40` CONNECT (→ `40{"sid"…}` or `44{…}` refused),
 * `42[…]` EVENT, `42<id>[…]` EVENT with ack, `43<id>[…]` ACK, `41` DISCONNECT; `1` close.
 */
import { WebSocket } from "ws";

export interface RawSocketIoOptions {
  /** `http(s)://host:port` of the socket.io server (path `/socket.io/`). */
  url: string;
  headers: Record<string, string>;
  /** PEM of the certificate to trust (through the TLS gateway). */
  ca?: string;
  timeoutMs: number;
}

export class SocketIoRefusedError extends Error {
  readonly code = "SOCKET_IO_REFUSED";
}

/** `http://h:p` → `ws://h:p/socket.io/?EIO=4&transport=websocket`. */
export function socketIoUrl(url: string): string {
  const u = new URL("/socket.io/", url);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  u.search = "?EIO=4&transport=websocket";
  return u.href;
}

export class RawSocketIo {
  private readonly ws: WebSocket;
  private nextAck = 0;
  private readonly acks = new Map<number, (args: unknown[]) => void>();
  /** Every EVENT frame (`42[…]`), undecoded. */
  onEvent: (frame: string) => void = () => undefined;
  onClose: () => void = () => undefined;

  /** Resolves once the namespace CONNECT is accepted; rejects on refusal, error or timeout. */
  readonly connected: Promise<void>;

  constructor(opts: RawSocketIoOptions) {
    this.ws = new WebSocket(socketIoUrl(opts.url), {
      headers: opts.headers,
      perMessageDeflate: false,
      ...(opts.ca ? { ca: opts.ca } : {}),
    });
    this.connected = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error("connect timeout")), opts.timeoutMs);
      const fail = (e: Error) => {
        clearTimeout(timer);
        this.ws.terminate();
        reject(e);
      };
      this.ws.on("error", fail);
      this.ws.on("close", () => {
        fail(new Error("closed during connect"));
        this.onClose();
      });
      this.ws.on("message", (data: Buffer) => {
        const text = data.toString();
        switch (text.charCodeAt(0)) {
          case 0x30: // 0: engine.io open → socket.io CONNECT to the main namespace
            return this.ws.send("40");
          case 0x32: // 2: ping
            return this.ws.send("3");
          case 0x34: // 4: a socket.io packet
            return this.onPacket(
              text,
              () => {
                clearTimeout(timer);
                resolve();
              },
              fail,
            );
        }
      });
    });
  }

  private onPacket(text: string, accepted: () => void, refused: (e: Error) => void): void {
    switch (text.charCodeAt(1)) {
      case 0x32: // 2: EVENT
        return this.onEvent(text);
      case 0x33: {
        // 3: ACK `43<id>[…]`
        const open = text.indexOf("[");
        const id = Number(text.slice(2, open));
        const done = this.acks.get(id);
        if (!done) return;
        this.acks.delete(id);
        return done(JSON.parse(text.slice(open)) as unknown[]);
      }
      case 0x30: // 0: CONNECT accepted
        return accepted();
      case 0x34: // 4: CONNECT_ERROR
        return refused(new SocketIoRefusedError(`refused: ${text.slice(2)}`));
      case 0x31: // 1: DISCONNECT (by the server)
        return void this.ws.close();
    }
  }

  /** Emits `event` with `data` and resolves with the ack's first argument. */
  emitWithAck(event: string, data: unknown, timeoutMs: number): Promise<unknown> {
    const id = this.nextAck++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        reject(new Error(`${event}: no ack within ${timeoutMs} ms`));
      }, timeoutMs);
      this.acks.set(id, (args) => {
        clearTimeout(timer);
        resolve(args[0]);
      });
      this.ws.send(`42${id}${JSON.stringify([event, data])}`);
    });
  }

  close(): void {
    this.ws.close();
  }
}
