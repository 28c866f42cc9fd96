import type { Socket } from "node:net";
import type { Logger } from "pino";
import type { WebSocket } from "ws";
import type { OutboundMessage } from "../market/market.ts";
import type { SimControls } from "./controls.ts";

/** Close code when a consumer cannot keep up (RFC 6455 "try again later"). */
export const CLOSE_SLOW_CONSUMER = 1013;

/**
 * One consumer: its sequence counter, subscriptions and outgoing path. Bodies arrive pre-serialised without `seq`
 * (`{"ts":…}`) so a market message is stringified once and only the sequence prefix differs per connection.
 */
export class FeedConnection {
  readonly subscriptions = new Set<string>();
  private seq = 0;
  private malformedSent = 0;
  private closed = false;
  private readonly queue: { due: number; frame: string }[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    readonly ws: WebSocket,
    private readonly controls: SimControls,
    private readonly maxBufferedBytes: number,
    private readonly log: Logger,
  ) {}

  get isOpen(): boolean {
    return !this.closed;
  }

  send(message: OutboundMessage): void {
    this.sendBody(JSON.stringify(message));
  }

  /** Stamps the next `seq` on a serialised body and sends it (subject to blackhole and delay faults). */
  sendBody(body: string): void {
    if (this.closed) return;
    const { controls } = this;
    if (controls.skipSeq.take()) {
      this.seq++;
      controls.counters.seqSkipped++;
    }
    // The sequence advances even when a fault swallows the frame, so the consumer sees the loss as a gap.
    const frame = `{"seq":${++this.seq},${body.slice(1)}`;
    if (controls.blackhole.take()) {
      controls.counters.framesSwallowed++;
      return;
    }
    const delayed = controls.delay.take();
    if (delayed || this.queue.length > 0) {
      this.queue.push({ due: Date.now() + (delayed ? controls.delayMs : 0), frame });
      this.schedule();
      return;
    }
    this.write(frame);
  }

  /**
   * Holds writes in the socket until `uncork`, so one timer tick's frames leave in one writev instead of one syscall
   * per frame. `ws` exposes no cork API; it does cork/uncork its own socket per frame, which nests correctly inside.
   */
  cork(): void {
    (this.ws as unknown as { _socket?: Socket })._socket?.cork();
  }

  uncork(): void {
    (this.ws as unknown as { _socket?: Socket })._socket?.uncork();
  }

  /** Skips `count` sequence numbers once: the next frame reveals a gap. */
  skipSeq(count: number): void {
    this.seq += count;
    this.controls.counters.seqSkipped += count;
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.timer);
    this.queue.length = 0;
    this.ws.close(code, reason);
    // A consumer that never answers the close handshake must not hold the socket forever.
    setTimeout(() => this.ws.terminate(), 2000).unref();
  }

  /** Marks the connection gone after the socket closed on its own. */
  dispose(): void {
    this.closed = true;
    clearTimeout(this.timer);
    this.queue.length = 0;
  }

  private schedule(): void {
    if (this.timer || this.queue.length === 0) return;
    const wait = Math.max(0, this.queue[0]!.due - Date.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const now = Date.now();
      while (this.queue.length > 0 && this.queue[0]!.due <= now && !this.closed) {
        const { frame } = this.queue.shift()!;
        if (!this.controls.blackhole.active) this.write(frame);
        else this.controls.counters.framesSwallowed++;
      }
      this.schedule();
    }, wait);
  }

  private write(frame: string): void {
    const { counters } = this.controls;
    if (this.controls.malformed.take()) {
      counters.malformedSent++;
      // Alternate the two kinds of garbage a consumer must survive: broken JSON and JSON that fails the schema.
      const bad =
        this.malformedSent++ % 2 === 0
          ? frame.slice(0, Math.ceil(frame.length / 2))
          : '{"seq":"x","type":"trade"}';
      this.ws.send(bad);
    }
    this.ws.send(frame);
    counters.framesSent++;
    // A real bridge cannot buffer without bound for a stalled consumer (memory, and ever-staler data): it drops the
    // consumer, which reconnects and resyncs from snapshots — the protocol's own recovery path.
    if (this.ws.bufferedAmount > this.maxBufferedBytes) {
      this.log.warn({ buffered: this.ws.bufferedAmount }, "closing slow feed consumer");
      this.close(CLOSE_SLOW_CONSUMER, "slow consumer");
    }
  }
}
