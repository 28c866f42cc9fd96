import { HISTORY_PACKET_MAX_TRADES, type HistoryTrade } from "@pregao/contracts";
import type { FeedConnection } from "./connection.ts";

/** Below this many buffered bytes the next packet is written; above it the reply waits (never trips slow-consumer). */
export const HISTORY_BUFFER_LOW_WATER = 512 * 1024;
const WAIT_MS = 5;

/** Splits trades into `historyTrades` packets; an empty history is one empty packet, always ending with `last`. */
export function historyPackets(
  trades: readonly HistoryTrade[],
  size = HISTORY_PACKET_MAX_TRADES,
): HistoryTrade[][] {
  const packets: HistoryTrade[][] = [];
  for (let i = 0; i < trades.length; i += size) packets.push(trades.slice(i, i + size));
  return packets.length > 0 ? packets : [[]];
}

/**
 * Sends a history reply packet by packet, each once the socket has drained below the low-water mark, so a year of
 * trades neither blocks the event loop nor fills the buffer that closes slow consumers. Stops if the connection ends.
 */
export function sendHistoryPackets(
  conn: FeedConnection,
  clock: () => number,
  reply: { reqId: string; asset: string },
  trades: readonly HistoryTrade[],
): Promise<void> {
  const packets = historyPackets(trades);
  let i = 0;
  return new Promise((resolve) => {
    const pump = (): void => {
      while (i < packets.length) {
        if (!conn.isOpen) return resolve();
        if (conn.ws.bufferedAmount > HISTORY_BUFFER_LOW_WATER) return void setTimeout(pump, WAIT_MS);
        const last = i === packets.length - 1;
        conn.send({ ts: clock(), type: "historyTrades", ...reply, trades: packets[i++]!, last });
      }
      resolve();
    };
    pump();
  });
}
