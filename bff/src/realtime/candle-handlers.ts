import type { IDisposable } from "cockatiel";
import {
  MAX_SUBSCRIPTIONS_PER_SOCKET,
  candlesSubscriptionSchema,
  type Candle,
  type CandleUpdate,
  type CandlesSubscription,
} from "@pregao/contracts";
import { AckError, validationError } from "./ack.ts";
import type { HandlerTable, PregaoSocket } from "./socket-events.ts";
import type { SubscriptionBudget, SubscriptionOwner } from "./subscription-budget.ts";

export interface CandleHandlerDeps {
  /** The shared bar store (bars/bar-store.ts). */
  bars: {
    watch(
      asset: string,
      interval: CandlesSubscription["interval"],
      fn: (candle: Candle) => void,
    ): Promise<{ candle: Candle | null } & IDisposable>;
  };
  catalog: { readonly known: boolean; has(asset: string): boolean };
  /** At most one `candles:updated` per (asset, interval) per interval. */
  conflationMs: number;
  /** Session/user subscription budgets (socket-limits.ts); the per-socket cap applies always. */
  budget?: SubscriptionBudget;
  onSubscriptionRefused?: (scope: "socket" | "session" | "user") => void;
}

const keyOf = (s: CandlesSubscription) => `${s.asset}|${s.interval}`;

function parse(payload: unknown): CandlesSubscription {
  const parsed = candlesSubscriptionSchema.safeParse(payload);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/**
 * One socket's candle subscriptions, made on its first `candles:subscribe`: the ack carries the forming bar, then
 * `candles:updated` pushes it at most once per conflation interval per (asset, interval), the newest state only.
 */
class SocketCandles {
  /** Per key: the bar store's watcher, or null while its history loads. */
  readonly subs = new Map<string, IDisposable | null>();
  private readonly pending = new Map<string, CandleUpdate>();
  /** The newest forming bar per subscription (a repeated subscribe is answered with it). */
  readonly last = new Map<string, Candle | null>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly socket: PregaoSocket,
    private readonly deps: CandleHandlerDeps,
    readonly owner: SubscriptionOwner | undefined,
  ) {}

  push(update: CandleUpdate): void {
    this.pending.set(keyOf(update), update);
    this.last.set(keyOf(update), update.candle);
    this.timer ??= setTimeout(() => this.flush(), this.deps.conflationMs);
  }

  drop(key: string): void {
    const { subs, owner, deps } = this;
    if (!subs.has(key)) return;
    subs.get(key)?.dispose();
    subs.delete(key);
    this.pending.delete(key);
    this.last.delete(key);
    if (owner) deps.budget?.release(owner, "candles", 1);
  }

  close(): void {
    clearTimeout(this.timer);
    for (const key of [...this.subs.keys()]) this.drop(key);
  }

  private flush(): void {
    this.timer = undefined;
    for (const update of this.pending.values()) this.socket.emit("candles:updated", update);
    this.pending.clear();
  }
}

export interface CandleEvents {
  /** `candles:subscribe` / `candles:unsubscribe`, shared by every socket (socket-events.ts). */
  table: HandlerTable;
  /** The socket left: every watcher it holds is disposed, its budget released. */
  disconnect(socket: PregaoSocket): void;
}

/**
 * The candle events, built once per server. Subscriptions count against the per-socket cap and the session/user
 * budgets (`ownerOf` the socket) like the other channels.
 */
export function candleEvents(
  deps: CandleHandlerDeps,
  ownerOf: (socket: PregaoSocket) => SubscriptionOwner | undefined,
): CandleEvents {
  const bySocket = new WeakMap<PregaoSocket, SocketCandles>();

  const subscribe = async (payload: unknown, socket: PregaoSocket) => {
    const sub = parse(payload);
    const key = keyOf(sub);
    if (!deps.catalog.known) throw new AckError("UPSTREAM_UNAVAILABLE", "instrument list not available yet");
    if (!deps.catalog.has(sub.asset))
      throw new AckError("UNKNOWN_ASSET", `unknown asset ${sub.asset}`, "asset", { asset: sub.asset });
    let mine = bySocket.get(socket);
    if (!mine) bySocket.set(socket, (mine = new SocketCandles(socket, deps, ownerOf(socket))));
    const { subs, last, owner } = mine;
    if (subs.get(key)) return { candle: last.get(key) ?? null };
    if (subs.has(key)) throw new AckError("CONFLICT", `a subscribe to ${key} is still loading`, "asset");
    if (subs.size >= MAX_SUBSCRIPTIONS_PER_SOCKET) {
      deps.onSubscriptionRefused?.("socket");
      throw new AckError(
        "TOO_MANY_SUBSCRIPTIONS",
        `at most ${MAX_SUBSCRIPTIONS_PER_SOCKET} candles subscriptions per connection`,
        "asset",
      );
    }
    const refused = owner ? deps.budget?.reserve(owner, "candles", 1) : null;
    if (refused) {
      deps.onSubscriptionRefused?.(refused.scope);
      throw new AckError(
        "TOO_MANY_SUBSCRIPTIONS",
        `at most ${refused.limit} candles subscriptions per ${refused.scope}, over all its connections`,
        "asset",
        { scope: refused.scope, limit: refused.limit },
      );
    }
    subs.set(key, null);
    try {
      const w = await deps.bars.watch(sub.asset, sub.interval, (candle) => mine.push({ ...sub, candle }));
      if (!subs.has(key)) {
        w.dispose(); // unsubscribed (or disconnected) while the history loaded
        return { candle: w.candle };
      }
      subs.set(key, w);
      if (!last.has(key)) last.set(key, w.candle);
      return { candle: last.get(key) ?? null };
    } catch (err) {
      mine.drop(key);
      const code = typeof err === "object" && err !== null && "code" in err ? err.code : undefined;
      if (code === "UNKNOWN_ASSET")
        throw new AckError("UNKNOWN_ASSET", `unknown asset ${sub.asset}`, "asset");
      if (code === "UPSTREAM_UNAVAILABLE")
        throw new AckError(
          "UPSTREAM_UNAVAILABLE",
          err instanceof Error ? err.message : "history unavailable",
        );
      throw err;
    }
  };

  const unsubscribe = (payload: unknown, socket: PregaoSocket) => {
    const sub = parse(payload);
    bySocket.get(socket)?.drop(keyOf(sub));
    return { asset: sub.asset, interval: sub.interval };
  };

  return {
    table: [
      ["candles:subscribe", subscribe],
      ["candles:unsubscribe", unsubscribe],
    ],
    disconnect: (socket) => bySocket.get(socket)?.close(),
  };
}
