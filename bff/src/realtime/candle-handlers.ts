import type { IDisposable } from "cockatiel";
import {
  MAX_SUBSCRIPTIONS_PER_SOCKET,
  candlesSubscriptionSchema,
  type Candle,
  type CandleUpdate,
  type CandlesSubscription,
} from "@pregao/contracts";
import { AckError, validationError } from "./ack.ts";
import type { EventBinder, PregaoSocket } from "./handlers.ts";
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
  owner?: SubscriptionOwner;
  onSubscriptionRefused?: (scope: "socket" | "session" | "user") => void;
}

const keyOf = (s: CandlesSubscription) => `${s.asset}|${s.interval}`;

function parse(payload: unknown): CandlesSubscription {
  const parsed = candlesSubscriptionSchema.safeParse(payload);
  if (!parsed.success) throw validationError(parsed.error);
  return parsed.data;
}

/**
 * `candles:subscribe` / `candles:unsubscribe` for one socket: the ack carries the forming bar, then `candles:updated`
 * pushes it at most once per conflation interval per (asset, interval), the newest state only. Subscriptions count
 * against the per-socket cap and the session/user budgets like the other channels.
 */
export function registerCandleHandlers(on: EventBinder, socket: PregaoSocket, deps: CandleHandlerDeps): void {
  const subs = new Map<string, IDisposable | null>();
  const pending = new Map<string, CandleUpdate>();
  /** The newest forming bar per subscription (a repeated subscribe is answered with it). */
  const last = new Map<string, Candle | null>();
  let timer: NodeJS.Timeout | undefined;
  const flush = (): void => {
    timer = undefined;
    for (const update of pending.values()) socket.emit("candles:updated", update);
    pending.clear();
  };
  const push = (update: CandleUpdate): void => {
    pending.set(keyOf(update), update);
    last.set(keyOf(update), update.candle);
    timer ??= setTimeout(flush, deps.conflationMs);
  };
  const drop = (key: string): void => {
    if (!subs.has(key)) return;
    subs.get(key)?.dispose();
    subs.delete(key);
    pending.delete(key);
    last.delete(key);
    if (deps.owner) deps.budget?.release(deps.owner, "candles", 1);
  };

  on("candles:subscribe", async (payload) => {
    const sub = parse(payload);
    const key = keyOf(sub);
    if (!deps.catalog.known) throw new AckError("UPSTREAM_UNAVAILABLE", "instrument list not available yet");
    if (!deps.catalog.has(sub.asset))
      throw new AckError("UNKNOWN_ASSET", `unknown asset ${sub.asset}`, "asset", { asset: sub.asset });
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
    const refused = deps.owner ? deps.budget?.reserve(deps.owner, "candles", 1) : null;
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
      const w = await deps.bars.watch(sub.asset, sub.interval, (candle) => push({ ...sub, candle }));
      if (!subs.has(key)) {
        w.dispose(); // unsubscribed (or disconnected) while the history loaded
        return { candle: w.candle };
      }
      subs.set(key, w);
      if (!last.has(key)) last.set(key, w.candle);
      return { candle: last.get(key) ?? null };
    } catch (err) {
      drop(key);
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
  });

  on("candles:unsubscribe", (payload) => {
    const sub = parse(payload);
    drop(keyOf(sub));
    return { asset: sub.asset, interval: sub.interval };
  });

  socket.on("disconnect", () => {
    clearTimeout(timer);
    for (const key of [...subs.keys()]) drop(key);
  });
}
