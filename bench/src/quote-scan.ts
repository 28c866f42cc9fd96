/**
 * Reads the two times the load generator measures out of a `quotes:updated` frame without parsing it: for every quote
 * in `42["quotes:updated",[…]]`, the numbers after `"exchangeTs":` and `"receivedAt":`. At 1,000 clients a client
 * process gets ≈ 15,000 such frames a second (≈ 7 KB each); `JSON.parse` of every one made the load generator the
 * first thing on the machine to saturate, while the bench needs only these two integers per quote. The unit test pins
 * the scan to `JSON.parse` on real frames.
 */

export const QUOTES_FRAME_HEAD = '42["quotes:updated",';

const EXCHANGE_KEY = '"exchangeTs":';
const RECEIVED_KEY = '"receivedAt":';

/** The non-negative integer written at `from` in `text` (digits only), or NaN when there is none. */
function intAt(text: string, from: number): number {
  let n = 0;
  let i = from;
  for (; i < text.length; i++) {
    const d = text.charCodeAt(i) - 48;
    if (d < 0 || d > 9) break;
    n = n * 10 + d;
  }
  return i === from ? Number.NaN : n;
}

/** Times read from one frame: `exchangeTs[i]`, `receivedAt[i]` for i < count. Reused between calls. */
export interface QuoteTimes {
  count: number;
  exchangeTs: number[];
  receivedAt: number[];
}

export const quoteTimes = (): QuoteTimes => ({ count: 0, exchangeTs: [], receivedAt: [] });

/**
 * Fills `out` with the times of every quote of a `quotes:updated` frame and returns true; returns false when the
 * frame is not `quotes:updated` or a quote's times cannot be read as integers (the caller then parses the frame in
 * full: nothing is dropped from the count because the scan could not read it).
 */
export function scanQuoteTimes(frame: string, out: QuoteTimes): boolean {
  out.count = 0;
  if (!frame.startsWith(QUOTES_FRAME_HEAD)) return false;
  let at = frame.indexOf(EXCHANGE_KEY, QUOTES_FRAME_HEAD.length);
  while (at !== -1) {
    const exchangeTs = intAt(frame, at + EXCHANGE_KEY.length);
    const next = frame.indexOf(EXCHANGE_KEY, at + EXCHANGE_KEY.length);
    const r = frame.indexOf(RECEIVED_KEY, at + EXCHANGE_KEY.length);
    // receivedAt belongs to this quote only if it comes before the next quote's exchangeTs.
    if (r === -1 || (next !== -1 && r > next)) return false;
    const receivedAt = intAt(frame, r + RECEIVED_KEY.length);
    if (Number.isNaN(exchangeTs) || Number.isNaN(receivedAt)) return false;
    out.exchangeTs[out.count] = exchangeTs;
    out.receivedAt[out.count] = receivedAt;
    out.count++;
    at = next;
  }
  return true;
}
