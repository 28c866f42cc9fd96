import WebSocket from "ws";
import { EventEmitter, ExponentialBackoff, type IBackoff } from "cockatiel";
import {
  orderStreamMessageSchema,
  type AccountRef,
  type KillSwitchState,
  type Order,
  type Position,
} from "@pregao/contracts";
import type { Logger } from "../lib/logger.ts";
import { startConnectSpan } from "./call-telemetry.ts";
import { BFF_SUBJECT, type TokenMinter } from "./token-minter.ts";

export interface OrderStreamOptions {
  /** Order manager base URL (http/https); the stream is `<url>/api/stream` over ws/wss. */
  baseUrl: string;
  minter: Pick<TokenMinter, "mint">;
  logger: Logger;
  backoffInitialMs?: number;
  backoffMaxMs?: number;
  /** No message (heartbeats included) for this long → reconnect. */
  deadMs?: number;
}

export type StreamLink = "connecting" | "live" | "down";

/**
 * The order manager's push stream (contracts/services/order-stream.ts): one WebSocket with a service token
 * (aud order-manager, sub service:pregao-bff, minted fresh per connect), every frame validated, reconnect with
 * decorrelated-jitter backoff. Emits typed events; remembers the kill-switch state and the last positions per account.
 */
export class OrderStream {
  private ws: WebSocket | null = null;
  private timer: NodeJS.Timeout | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  private backoff: IBackoff<unknown> | undefined;
  private readonly backoffFactory: ExponentialBackoff<unknown>;
  private closed = false;
  private lastAt = 0;
  private state: StreamLink = "down";
  private ks: KillSwitchState | null = null;
  private readonly positionsByAccount = new Map<string, Position[]>();
  private readonly orderE = new EventEmitter<Order>();
  private readonly positionsE = new EventEmitter<{ account: AccountRef; positions: Position[] }>();
  private readonly killE = new EventEmitter<KillSwitchState>();
  private readonly linkE = new EventEmitter<StreamLink>();
  readonly onOrder = this.orderE.addListener;
  readonly onPositions = this.positionsE.addListener;
  readonly onKillSwitch = this.killE.addListener;
  readonly onLink = this.linkE.addListener;
  /** Frames that failed validation (counted, dropped). */
  malformed = 0;

  constructor(private readonly options: OrderStreamOptions) {
    this.backoffFactory = new ExponentialBackoff({
      initialDelay: options.backoffInitialMs ?? 250,
      maxDelay: options.backoffMaxMs ?? 10_000,
    });
  }

  get link(): StreamLink {
    return this.state;
  }

  /** The last kill-switch state the service reported (null before the first). */
  get killSwitch(): KillSwitchState | null {
    return this.ks;
  }

  /** The last positions per account key (`brokerId:accountId`). */
  positions(account: AccountRef): Position[] {
    return this.positionsByAccount.get(accountKey(account)) ?? [];
  }

  start(): void {
    if (!this.ws && !this.timer && !this.closed) void this.connect();
  }

  async close(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    clearInterval(this.watchdog);
    const ws = this.ws;
    if (!ws || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      ws.once("close", () => resolve());
      ws.terminate();
    });
  }

  private setLink(s: StreamLink): void {
    if (s === this.state) return;
    this.state = s;
    this.linkE.emit(s);
  }

  private async connect(): Promise<void> {
    this.timer = undefined;
    this.setLink("connecting");
    let token: string;
    try {
      token = await this.options.minter.mint("order-manager", BFF_SUBJECT);
    } catch (err) {
      this.options.logger.error({ err: String(err) }, "order stream: cannot mint a token");
      return this.retry("no token");
    }
    if (this.closed) return;
    const url = new URL("/api/stream", this.options.baseUrl);
    url.protocol = url.protocol === "https:" ? "wss:" : "ws:";
    const span = startConnectSpan("order-manager", url);
    const ws = new WebSocket(url, {
      headers: { ...span.headers, authorization: `Bearer ${token}` },
      perMessageDeflate: false,
      handshakeTimeout: 3000,
    });
    this.ws = ws;
    let opened = false;
    ws.on("open", () => {
      opened = true;
      span.end();
      this.backoff = undefined;
      this.lastAt = Date.now();
      this.armWatchdog(ws);
      this.setLink("live");
      this.options.logger.info({ url: url.origin }, "order stream connected");
    });
    ws.on("unexpected-response", (_req, res) => {
      const level = res.statusCode === 401 || res.statusCode === 403 ? "error" : "warn";
      this.options.logger[level]({ status: res.statusCode }, "order stream: upgrade refused");
      span.end(`HTTP ${res.statusCode}`);
      ws.terminate();
    });
    ws.on("error", (err) => this.options.logger.debug({ err: err.message }, "order stream error"));
    ws.on("message", (data) => this.onFrame(ws, data));
    ws.on("close", () => {
      span.end("closed before open");
      if (ws !== this.ws) return;
      this.ws = null;
      clearInterval(this.watchdog);
      if (opened) this.options.logger.warn({}, "order stream lost");
      this.retry(opened ? "closed" : "connect failed");
    });
  }

  private armWatchdog(ws: WebSocket): void {
    const dead = this.options.deadMs ?? 10_000;
    clearInterval(this.watchdog);
    this.watchdog = setInterval(
      () => {
        if (Date.now() - this.lastAt > dead) ws.terminate();
      },
      Math.min(1000, dead / 2),
    );
    this.watchdog.unref();
  }

  private retry(reason: string): void {
    if (this.closed) return;
    this.setLink("down");
    this.backoff = this.backoff ? this.backoff.next(undefined) : this.backoffFactory.next();
    this.options.logger.debug({ reason, delay: this.backoff.duration }, "order stream reconnect scheduled");
    this.timer = setTimeout(() => void this.connect(), this.backoff.duration);
  }

  private onFrame(ws: WebSocket, data: WebSocket.RawData): void {
    if (ws !== this.ws) return;
    this.lastAt = Date.now();
    let raw: unknown;
    try {
      raw = JSON.parse(String(data));
    } catch {
      raw = undefined;
    }
    const parsed = orderStreamMessageSchema.safeParse(raw);
    if (!parsed.success) {
      this.malformed++;
      this.options.logger.warn(
        { issue: parsed.error.issues[0]?.message },
        "order stream: invalid message dropped",
      );
      return;
    }
    const msg = parsed.data;
    if (msg.type === "order") this.orderE.emit(msg.order);
    else if (msg.type === "positions") {
      this.positionsByAccount.set(accountKey(msg.account), msg.positions);
      this.positionsE.emit({ account: msg.account, positions: msg.positions });
    } else if (msg.type === "killSwitch") {
      this.ks = msg.state;
      this.killE.emit(msg.state);
    }
  }
}

export const accountKey = (a: AccountRef) => `${a.brokerId}:${a.accountId}`;
