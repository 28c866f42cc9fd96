import type WebSocket from "ws";
import { EventEmitter } from "cockatiel";
import type { FeedClientMessage, FeedLink, FeedServerMessage } from "@pregao/contracts";
import type { Logger } from "../lib/logger.ts";
import { LogThrottle } from "../lib/log-throttle.ts";
import { untraced, type RunInSpan } from "../lib/traced.ts";
import type { FeedBreaker } from "./breaker.ts";
import { FeedDeadError } from "./errors.ts";
import { FeedSocket, type FeedSocketOptions } from "./feed-socket.ts";
import { parseFrame } from "./frame.ts";
import type { UpstreamStats } from "./stats.ts";

/** A static bearer, or a function returning a fresh one per connect attempt (service tokens expire in ≤ 60 s). */
export type FeedToken = string | (() => string | Promise<string>);

/**
 * How often the link's silence is checked, so how late after `staleMs` a silent link turns stale: at most 100 ms. The
 * trader is promised "stale" within 2 s of a silent feed (1.5 s threshold by default); a 250 ms check left 250 ms for
 * the status to cross the BFF, the network and the browser, and a loaded machine sometimes needed more.
 */
export const silenceCheckMs = (staleMs: number): number =>
  Math.max(10, Math.min(100, Math.floor(staleMs / 10)));

/** The frame cap and write bounds are the socket's (FeedSocketOptions). */
export interface FeedClientOptions extends FeedSocketOptions {
  token: FeedToken;
  staleMs: number;
  deadMs: number;
  breaker: FeedBreaker;
  stats: UpstreamStats;
  logger: Logger;
  /** Each connect attempt runs in a root span ("feed connect"); untraced when absent. */
  traced?: RunInSpan;
}

/**
 * The single upstream link, over one FeedSocket at a time. Parses every frame with the contracts schema (malformed
 * frames are counted, a burst trips the breaker), checks `seq`, detects silence, and reconnects with backoff through
 * the breaker.
 */
export class FeedClient {
  private socket: FeedSocket | null = null;
  private lastSeq = 0;
  private attemptNo = 0;
  private connectedOnce = false;
  private disposed = false;
  private retryTimer: NodeJS.Timeout | undefined;
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
    this.watchdog = setInterval(() => this.checkSilence(), silenceCheckMs(options.staleMs));
    this.watchdog.unref();
  }

  get link(): FeedLink {
    return this.linkState;
  }

  /** Starts connecting (idempotent). */
  start(): void {
    if (!this.socket && !this.retryTimer && !this.disposed) void this.attempt();
  }

  /** True when the link is up and the upstream has read what was written (below `writeBufferBytes`). */
  get writable(): boolean {
    return this.socket?.writable ?? false;
  }

  /** Bytes written but not yet taken by the upstream's socket. */
  get bufferedAmount(): number {
    return this.socket?.bufferedAmount ?? 0;
  }

  /** Sends a request when the link is up; returns false otherwise (subscriptions are re-sent on connect). */
  send(msg: FeedClientMessage): boolean {
    return this.socket?.send(msg) ?? false;
  }

  /** Closes the link for `reason`; the reconnect loop takes over. */
  drop(error: Error): void {
    this.socket?.drop(error);
  }

  async close(): Promise<void> {
    this.disposed = true;
    clearInterval(this.watchdog);
    clearTimeout(this.retryTimer);
    this.throttle.flush();
    await this.socket?.close();
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
    const traced = this.options.traced ?? untraced;
    await traced(
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

  /** Opens a socket; resolves on `hello`, rejects on refusal, error or timeout. */
  private open(token: string): Promise<void> {
    const { breaker, stats } = this.options;
    const socket: FeedSocket = new FeedSocket(this.options, token, {
      breaker,
      stats,
      throttle: this.throttle,
      frame: (data, isBinary) => this.onFrame(socket, data, isBinary),
      closed: (reason) => this.onClose(socket, reason),
    });
    this.socket = socket;
    return socket.opened;
  }

  private onClose(socket: FeedSocket, closeReason: string | null): void {
    if (socket !== this.socket) return;
    this.socket = null;
    if (!socket.live) return; // the connect attempt's rejection schedules the retry
    const reason = closeReason ?? "upstream closed the connection";
    this.throttle.warn("lost", { reason }, "feed link lost");
    this.disconnectedEmitter.emit({ reason });
    this.scheduleReconnect(reason);
  }

  private onFrame(socket: FeedSocket, data: WebSocket.RawData, isBinary: boolean): void {
    if (socket !== this.socket) return;
    const now = Date.now();
    this.lastMessageAt = now;
    const msg = parseFrame(data, isBinary);
    if (!msg) return this.onMalformed();
    this.options.stats.message(msg.type);
    if (msg.type === "hello") this.onHello(socket, msg.seq);
    else if (msg.seq !== this.lastSeq + 1) {
      this.options.stats.gap();
      const gap = { expected: this.lastSeq + 1, got: msg.seq };
      this.lastSeq = msg.seq;
      this.gapEmitter.emit(gap);
    } else this.lastSeq = msg.seq;
    if (socket.live && this.linkState.state !== "live") this.setLink({ state: "live", since: now });
    this.messageEmitter.emit(msg);
  }

  private onHello(socket: FeedSocket, seq: number): void {
    this.lastSeq = seq;
    const reconnect = this.connectedOnce;
    if (reconnect) this.options.stats.reconnect();
    this.connectedOnce = true;
    this.attemptNo = 0;
    socket.helloArrived();
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
    const { socket } = this;
    if (!socket?.live || this.lastMessageAt === null) return;
    const now = Date.now();
    if (socket.dropIfWriteStalled(now)) return;
    const silent = now - this.lastMessageAt;
    const link = this.linkState;
    if (link.state === "live" && silent >= this.options.staleMs) this.setLink({ state: "stale", since: now });
    else if (link.state === "stale" && now - link.since >= this.options.deadMs)
      this.drop(new FeedDeadError(silent));
  }
}
