import type { Socket } from "socket.io";

/** socket.io 4.8's lists behind `onAny` and `onAnyOutgoing` (dist/socket.js; absent until the first listener). */
type AnyListeners = "_anyListeners" | "_anyOutgoingListeners";
type AnyListener = (event: string, ...args: unknown[]) => void;

/**
 * `socket.onAny(listener)` (field `_anyListeners`) or `socket.onAnyOutgoing(listener)` (`_anyOutgoingListeners`) for
 * a listener every socket shares, through one frozen list shared by every socket instead of a list per socket
 * (≈ 90 B each once compacted, 184 B as socket.io grows it). socket.io reads the list afresh per event and copies it
 * before calling (exact-arrays.test.ts pins those lines), and only `onAny`/`prependAny`/`offAny(fn)` write to it: on a
 * socket given the shared list they throw, rather than add to every socket. A socket that already has listeners
 * there gets the listener added to its own list.
 */
export function sharedAnyListener(field: AnyListeners, listener: AnyListener): (socket: Socket) => void {
  const shared: readonly AnyListener[] = Object.freeze([listener]);
  return (socket) => {
    const s = socket as unknown as Record<AnyListeners, readonly AnyListener[] | undefined>;
    if (s[field] === undefined || s[field].length === 0) s[field] = shared;
    else if (field === "_anyListeners") socket.onAny(listener);
    else socket.onAnyOutgoing(listener);
  };
}
