import WebSocket from "ws";
import { EventEmitter } from "cockatiel";
import type { FeedClientMessage, FeedLink, FeedServerMessage } from "@pregao/contracts";
import type { Logger } from "../lib/logger.ts";
import { LogThrottle } from "../lib/log-throttle.ts";
import type { FeedBreaker } from "./breaker.ts";
import { FeedConnectError, FeedDeadError, FeedFrameTooLargeError, FeedWriteStallError } from "./errors.ts";
import { parseFrame } from "./frame.ts";
import type { UpstreamStats } from "./stats.ts";
import { withSpan } from "../observability/spans.ts";

/** A static bearer, or a function returning a fresh one per connect attempt (service tokens expire in ≤ 60 s). */
export type FeedToken = string | (() => string | Promise<string>);

export interface FeedClientOptions {
  url: string;
  token: FeedToken;
  staleMs: number;
  deadMs: number;
  connectTimeoutMs: number;
  /** Largest upstream frame accepted (`ws` maxPayload); a bigger one closes the link. */
  maxFrameBytes: number;
  /** Bytes buffered for the upstream above which the link takes no more requests (they wait in the queue). */
  writeBufferBytes: number;
  /** Writes pending (never drained to 0) for this long → the upstream is not reading: drop and reconnect. */
  writeStallMs: number;
  breaker: FeedBreaker;
  stats: UpstreamStats;
  logger: Logger;
}

/**
 * The single upstream WebSocket. Parses every frame with the contracts schema (malformed frames are counted, a burst
 * trips the breaker), checks `seq`, detects silence, and reconnects with backoff through the breaker.
 */
export class FeedClient {
  private ws: WebSocket | null = null;
  private isLive = false;
  private lastSeq = 0;
  private attemptNo = 0;
  private connectedOnce = false;
  private disposed = false;
  private closeReason: string | null = null;
  private helloWaiter: (() => void) | null = null;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Since when `bufferedAmount` has stayed above 0 (null while it drains). */
  private undrainedSince: number | null = null;
  private readonly throttle: LogThrottle;
  private readonly watchdog: NodeJS.Timeout;
  private linkState: FeedLink = { state: "down", since: Date.now(), reason: "not started", retryAt: null };
  /** Epoch ms of the newest upstream frame (any type), null before the first. */
  lastMessageAt: number | null = null;

  private readonly messageEmitter = new EventEmitter<FeedServerMessage>();
  private readonly linkEmitter = new EventEmitter<FeedLink>();
  private readonly connectedEmitter = new EventEmitter<{ reconnect: boolean }>();
  private readonly disconnectedEmitter = new EventEmitter<{ reason: string }>();
  private readonly gapEmitter = new EventEmitter<{ expected: number; got: number }>();
  /** Every valid upstream message, in order. */
  readonly onMessage = this.messageEmitter.addListener;
  /** Link state changes. */
  readonly onLink = this.linkEmitter.addListener;
  /** A `hello` arrived on a fresh connection: the consumer must (re)subscribe. */
  readonly onConnected = this.connectedEmitter.addListener;
  /** A live link was lost: requests in flight will get no reply. */
  readonly onDisconnected = this.disconnectedEmitter.addListener;
  /** `seq` jumped: the consumer must resync every held asset. */
  readonly onGap = this.gapEmitter.addListener;

  constructor(private readonly options: FeedClientOptions) {
    this.throttle = new LogThrottle(options.logger);
    const every = Math.max(10, Math.min(250, Math.floor(options.staleMs / 4)));
    this.watchdog = setInterval(() => this.checkSilence(), every);
    this.watchdog.unref();
  }

  get link(): FeedLink {
    return this.linkState;
  }

  /** Starts connecting (idempotent). */
  start(): void {
    if (!this.ws && !this.retryTimer && !this.disposed) void this.attempt();
  }

  /** True when the link is up and the upstream has read what was written (below `writeBufferBytes`). */
  get writable(): boolean {
    return (
      this.isLive &&
      this.ws?.readyState === WebSocket.OPEN &&
      this.ws.bufferedAmount < this.options.writeBufferBytes
    );
  }

  /** Bytes written but not yet taken by the upstream's socket. */
  get bufferedAmount(): number {
    return this.ws?.bufferedAmount ?? 0;
  }

  /** Sends a request when the link is up; returns false otherwise (subscriptions are re-sent on connect). */
  send(msg: FeedClientMessage): boolean {
    if (!this.isLive || this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(msg));
    return true;
  }

  /** Closes the link for `reason`; the reconnect loop takes over. */
  drop(error: Error): void {
    if (!this.ws) return;
    this.closeReason = error.message;
    this.ws.terminate();
  }

  async close(): Promise<void> {
    this.disposed = true;
    clearInterval(this.watchdog);
    clearTimeout(this.retryTimer);
    this.throttle.flush();
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once("close", () => resolve());
      ws.terminate();
    });
  }

  private setLink(link: FeedLink): void {
    this.linkState = link;
    this.linkEmitter.emit(link);
  }

  private async attempt(): Promise<void> {
    this.retryTimer = undefined;
    this.attemptNo++;
    const attempt = this.attemptNo;
    this.setLink({ state: "connecting", since: Date.now(), attempt });
    await withSpan(
      "feed connect",
      { "feed.attempt": attempt },
      async (span) => {
        try {
          await this.options.breaker.execute(async () => {
            const { token } = this.options;
            return this.open(typeof token === "string" ? token : await token());
          });
          span.setAttribute("feed.outcome", "connected");
        } catch (err) {
          const breakerOpen = this.options.breaker.isOpenError(err);
          if (!breakerOpen) this.options.stats.connectFailure();
          const reason = breakerOpen ? "circuit open" : err instanceof Error ? err.message : String(err);
          span.setAttribute("feed.outcome", breakerOpen ? "circuit_open" : "failed");
          span.setAttribute("feed.error", reason);
          this.throttle.warn("connect", { err: reason, attempt }, "feed connect failed");
          this.scheduleReconnect(reason);
        }
      },
      { root: true },
    );
  }

  private scheduleReconnect(reason: string): void {
    if (this.disposed) return;
    const delay = this.options.breaker.nextDelay();
    this.setLink({ state: "down", since: Date.now(), reason, retryAt: Date.now() + delay });
    this.retryTimer = setTimeout(() => void this.attempt(), delay);
  }

  /** Opens the socket; resolves on `hello`, rejects on refusal, error or timeout. */
  private open(token: string): Promise<void> {
    const { url, connectTimeoutMs } = this.options;
    return new Promise<void>((resolve, reject) => {
      const ws = new WebSocket(url, {
        headers: { Authorization: `Bearer ${token}` },
        perMessageDeflate: false,
        handshakeTimeout: connectTimeoutMs,
        maxPayload: this.options.maxFrameBytes,
      });
      this.ws = ws;
      this.closeReason = null;
      const fail = (message: string): void => {
        clearTimeout(timer);
        this.helloWaiter = null;
        reject(new FeedConnectError(message));
      };
      const timer = setTimeout(() => {
        fail("timed out waiting for hello");
        ws.terminate();
      }, connectTimeoutMs);
      this.helloWaiter = () => {
        clearTimeout(timer);
        this.helloWaiter = null;
        resolve();
      };
      ws.on("unexpected-response", (_req, res) => {
        fail(`upstream refused the upgrade: HTTP ${res.statusCode}`);
        ws.terminate();
      });
      ws.on("error", (err) => this.onError(err, fail));
      ws.on("message", (data, isBinary) => this.onFrame(ws, data, isBinary));
      ws.on("close", () => {
        if (!this.isLive) fail(this.closeReason ?? "closed before hello");
        this.onClose(ws);
      });
    });
  }

  /** A socket error: an over-cap frame (ws closes with 1009) gets its own reason and count. */
  private onError(err: Error & { code?: string }, fail: (message: string) => void): void {
    if (err.code === "WS_ERR_UNSUPPORTED_MESSAGE_LENGTH") {
      const tooLarge = new FeedFrameTooLargeError(this.options.maxFrameBytes);
      this.options.stats.oversizeFrames++;
      this.closeReason = tooLarge.message;
      this.throttle.warn(
        "frame",
        { err: tooLarge.message, code: tooLarge.code },
        "feed frame too large: dropping the link",
      );
      // A data-quality failure like a malformed burst: open the circuit so a bridge that re-sends the same huge
      // snapshot on every resubscribe costs one frame per cooldown, not one per reconnect.
      this.options.breaker.trip(tooLarge);
    }
    if (!this.isLive) fail(this.closeReason ?? err.message);
  }

  private onClose(ws: WebSocket): void {
    if (ws !== this.ws) return;
    const wasLive = this.isLive;
    this.ws = null;
    this.isLive = false;
    this.undrainedSince = null;
    if (!wasLive) return; // the connect attempt's rejection schedules the retry
    const reason = this.closeReason ?? "upstream closed the connection";
    this.throttle.warn("lost", { reason }, "feed link lost");
    this.disconnectedEmitter.emit({ reason });
    this.scheduleReconnect(reason);
  }

  private onFrame(ws: WebSocket, data: WebSocket.RawData, isBinary: boolean): void {
    if (ws !== this.ws) return;
    const now = Date.now();
    this.lastMessageAt = now;
    const msg = parseFrame(data, isBinary);
    if (!msg) return this.onMalformed();
    this.options.stats.message(msg.type);
    if (msg.type === "hello") this.onHello(msg.seq);
    else if (msg.seq !== this.lastSeq + 1) {
      this.options.stats.gap();
      const gap = { expected: this.lastSeq + 1, got: msg.seq };
      this.lastSeq = msg.seq;
      this.gapEmitter.emit(gap);
    } else this.lastSeq = msg.seq;
    if (this.isLive && this.linkState.state !== "live") this.setLink({ state: "live", since: now });
    this.messageEmitter.emit(msg);
  }

  private onHello(seq: number): void {
    this.lastSeq = seq;
    const reconnect = this.connectedOnce;
    if (reconnect) this.options.stats.reconnect();
    this.connectedOnce = true;
    this.isLive = true;
    this.attemptNo = 0;
    this.helloWaiter?.();
    this.setLink({ state: "live", since: Date.now() });
    this.connectedEmitter.emit({ reconnect });
  }

  private onMalformed(): void {
    this.options.stats.malformedFrame();
    const burst = this.options.breaker.malformed();
    if (!burst) return;
    this.throttle.warn("malformed", { err: burst.message }, "malformed burst: dropping the feed link");
    this.options.breaker.trip(burst);
    this.drop(burst);
  }

  private checkSilence(): void {
    if (!this.isLive || this.lastMessageAt === null) return;
    const now = Date.now();
    if (this.writeStalled(now)) return;
    const silent = now - this.lastMessageAt;
    const link = this.linkState;
    if (link.state === "live" && silent >= this.options.staleMs) this.setLink({ state: "stale", since: now });
    else if (link.state === "stale" && now - link.since >= this.options.deadMs)
      this.drop(new FeedDeadError(silent));
  }

  /** True (and the link dropped) when the upstream has not drained our writes for `writeStallMs`. */
  private writeStalled(now: number): boolean {
    if (this.bufferedAmount === 0) {
      this.undrainedSince = null;
      return false;
    }
    this.undrainedSince ??= now;
    if (now - this.undrainedSince < this.options.writeStallMs) return false;
    const stall = new FeedWriteStallError(now - this.undrainedSince, this.bufferedAmount);
    this.options.stats.writeStalls++;
    this.throttle.warn(
      "stall",
      { err: stall.message, code: stall.code },
      "feed upstream stopped reading: dropping the link",
    );
    this.undrainedSince = null;
    this.drop(stall);
    return true;
  }
}
