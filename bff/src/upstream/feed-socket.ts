import WebSocket from "ws";
import type { FeedClientMessage } from "@pregao/contracts";
import type { LogThrottle } from "../lib/log-throttle.ts";
import type { FeedBreaker } from "./breaker.ts";
import { FeedConnectError, FeedFrameTooLargeError, FeedWriteStallError } from "./errors.ts";
import type { UpstreamStats } from "./stats.ts";

export interface FeedSocketOptions {
  url: string;
  connectTimeoutMs: number;
  /** Largest upstream frame accepted (`ws` maxPayload); a bigger one closes the link. */
  maxFrameBytes: number;
  /** Bytes buffered for the upstream above which the link takes no more requests (they wait in the queue). */
  writeBufferBytes: number;
  /** Writes pending (never drained to 0) for this long → the upstream is not reading: drop and reconnect. */
  writeStallMs: number;
}

export interface FeedSocketDeps {
  breaker: FeedBreaker;
  stats: UpstreamStats;
  throttle: LogThrottle;
  /** A frame from the upstream, unparsed. */
  frame(data: WebSocket.RawData, isBinary: boolean): void;
  /** The socket closed (before or after `hello`); `reason` is ours when we closed it. */
  closed(reason: string | null): void;
}

/**
 * One upstream WebSocket connection: the authenticated upgrade and the wait for `hello` (`opened` rejects on refusal,
 * error, early close or timeout), the bounded write side (buffer cap, stall detection) and why the socket closed.
 * An over-cap frame (which also trips the breaker) or a write stall is counted and logged and drops the socket; the
 * FeedClient reads the frames and reconnects.
 */
export class FeedSocket {
  /** Resolves on `hello`, rejects with a FeedConnectError. */
  readonly opened: Promise<void>;
  private readonly ws: WebSocket;
  private isLive = false;
  private closeReason: string | null = null;
  private settle: { resolve(): void; reject(error: Error): void } | null = null;
  private readonly timer: NodeJS.Timeout;
  /** Since when `bufferedAmount` has stayed above 0 (null while it drains). */
  private undrainedSince: number | null = null;

  constructor(
    private readonly options: FeedSocketOptions,
    token: string,
    private readonly deps: FeedSocketDeps,
  ) {
    const { url, connectTimeoutMs } = options;
    this.ws = new WebSocket(url, {
      headers: { Authorization: `Bearer ${token}` },
      perMessageDeflate: false,
      handshakeTimeout: connectTimeoutMs,
      maxPayload: options.maxFrameBytes,
    });
    this.opened = new Promise<void>((resolve, reject) => (this.settle = { resolve, reject }));
    this.timer = setTimeout(() => {
      this.fail("timed out waiting for hello");
      this.ws.terminate();
    }, connectTimeoutMs);
    this.ws.on("unexpected-response", (_req, res) => {
      this.fail(`upstream refused the upgrade: HTTP ${res.statusCode}`);
      this.ws.terminate();
    });
    this.ws.on("error", (err) => this.onError(err));
    this.ws.on("message", (data, isBinary) => deps.frame(data, isBinary));
    this.ws.on("close", () => {
      if (!this.live) this.fail(this.closeReason ?? "closed before hello");
      deps.closed(this.closeReason);
    });
  }

  /** True once `hello` arrived. */
  get live(): boolean {
    return this.isLive;
  }

  /** `hello` arrived: the connection is live and `opened` resolves. */
  helloArrived(): void {
    this.isLive = true;
    clearTimeout(this.timer);
    this.settle?.resolve();
    this.settle = null;
  }

  /** True when live and the upstream has read what was written (below `writeBufferBytes`). */
  get writable(): boolean {
    return (
      this.live &&
      this.ws.readyState === WebSocket.OPEN &&
      this.ws.bufferedAmount < this.options.writeBufferBytes
    );
  }

  /** Bytes written but not yet taken by the upstream's socket. */
  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  /** Sends a request when live; returns false otherwise. */
  send(msg: FeedClientMessage): boolean {
    if (!this.live || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  /** Closes the socket for `reason` (reported by `closed`). */
  drop(error: Error): void {
    this.closeReason = error.message;
    this.ws.terminate();
  }

  /** Terminates the socket; resolves once it is closed. */
  async close(): Promise<void> {
    const { ws } = this;
    if (ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once("close", () => resolve());
      ws.terminate();
    });
  }

  /** True (and the socket dropped) when the upstream has not drained our writes for `writeStallMs`. */
  dropIfWriteStalled(now: number): boolean {
    if (this.bufferedAmount === 0) {
      this.undrainedSince = null;
      return false;
    }
    this.undrainedSince ??= now;
    if (now - this.undrainedSince < this.options.writeStallMs) return false;
    const stall = new FeedWriteStallError(now - this.undrainedSince, this.bufferedAmount);
    this.deps.stats.writeStalls++;
    this.deps.throttle.warn(
      "stall",
      { err: stall.message, code: stall.code },
      "feed upstream stopped reading: dropping the link",
    );
    this.undrainedSince = null;
    this.drop(stall);
    return true;
  }

  private fail(message: string): void {
    clearTimeout(this.timer);
    this.settle?.reject(new FeedConnectError(message));
    this.settle = null;
  }

  /** A socket error: an over-cap frame (ws closes with 1009) gets its own reason and count. */
  private onError(err: Error & { code?: string }): void {
    if (err.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
      const tooLarge = new FeedFrameTooLargeError(this.options.maxFrameBytes);
      this.deps.stats.oversizeFrames++;
      this.closeReason = tooLarge.message;
      this.deps.throttle.warn(
        "frame",
        { err: tooLarge.message, code: tooLarge.code },
        "feed frame too large: dropping the link",
      );
      // A data-quality failure like a malformed burst: open the circuit so a bridge that re-sends the same huge
      // snapshot on every resubscribe costs one frame per cooldown, not one per reconnect.
      this.deps.breaker.trip(tooLarge);
    }
    if (!this.live) this.fail(this.closeReason ?? err.message);
  }
}
