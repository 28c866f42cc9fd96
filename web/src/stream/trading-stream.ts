import {
  killSwitchStateSchema,
  type BookView,
  type KillSwitchState,
  type Order,
  type PositionsResponse,
  type TradeBatch,
} from "@pregao/contracts";
import { useBookStore } from "./book-store.ts";
import { ChannelSubscriptions } from "./channel-subscriptions.ts";
import { useKillSwitchStore } from "./kill-switch-store.ts";
import { useOrdersStore } from "./orders-store.ts";
import { usePositionsStore } from "./positions-store.ts";
import { createRafBatcher, createRafQueue } from "./raf-batcher.ts";
import type { AppSocket } from "./socket-client.ts";
import { useTapeStore } from "./tape-store.ts";

const ACK_TIMEOUT_MS = 5000;

const orderBatcher = createRafBatcher<string, Order>((b) => useOrdersStore.getState().apply(b.values()));
const positionsBatcher = createRafBatcher<"p", PositionsResponse>((b) => {
  const report = b.get("p");
  if (report) usePositionsStore.getState().apply(report);
});
const bookBatcher = createRafBatcher<string, BookView>((b) => useBookStore.getState().apply(b.values()));
const tapeQueue = createRafQueue<TradeBatch>((batches) => useTapeStore.getState().append(batches));

/** Page-wide, ref-counted depth subscriptions (`book:subscribe`). */
export const bookSubscriptions = new ChannelSubscriptions<{ books: BookView[] }>(
  (data) => {
    for (const b of data.books) bookBatcher.push(b.asset, b);
  },
  (assets) => useBookStore.getState().remove(assets),
);
/** Page-wide, ref-counted tape subscriptions (`trades:subscribe`). */
export const tradeSubscriptions = new ChannelSubscriptions<{ assets: string[] }>(
  () => undefined,
  (assets) => useTapeStore.getState().remove(assets),
);

/**
 * Wire the trading and depth events of one socket into their stores (rAF-batched). Kill-switch changes skip the
 * frame wait: halting trading is the one message that must not sit in a buffer (and it is rare).
 */
export function attachTradingStream(socket: AppSocket): () => void {
  const onConnect = () => {
    bookSubscriptions.attach({
      subscribe: (assets) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck("book:subscribe", { assets }),
      unsubscribe: (assets) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck("book:unsubscribe", { assets }),
    });
    tradeSubscriptions.attach({
      subscribe: (assets) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck("trades:subscribe", { assets }),
      unsubscribe: (assets) => socket.timeout(ACK_TIMEOUT_MS).emitWithAck("trades:unsubscribe", { assets }),
    });
  };
  const onDisconnect = () => {
    bookSubscriptions.detach();
    tradeSubscriptions.detach();
  };
  socket.on("connect", onConnect);
  socket.on("disconnect", onDisconnect);
  socket.on("orders:updated", (orders) => {
    for (const o of orders) orderBatcher.push(o.orderId, o);
  });
  socket.on("positions:updated", (report) => positionsBatcher.push("p", report));
  socket.on("risk:kill-switch", (raw: KillSwitchState) => {
    const parsed = killSwitchStateSchema.safeParse(raw);
    if (parsed.success) useKillSwitchStore.getState().set(parsed.data);
    else console.warn("risk:kill-switch failed validation", parsed.error);
  });
  socket.on("book:updated", (books) => {
    for (const b of books) bookBatcher.push(b.asset, b);
  });
  socket.on("trades:added", (batches) => tapeQueue.push(...batches));
  socket.on("trades:snapshot", (snapshot) => {
    if (!tradeSubscriptions.holds(snapshot.asset)) return;
    // Live batches that came before the snapshot apply first, so it replaces them in order (tape-store.ts).
    tapeQueue.flush();
    useTapeStore.getState().applySnapshot(snapshot);
  });
  if (socket.connected) onConnect();
  return () => {
    onDisconnect();
    for (const b of [orderBatcher, positionsBatcher, bookBatcher, tapeQueue]) b.dispose();
  };
}
