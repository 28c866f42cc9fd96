import type { Page } from "@playwright/test";

/** A socket.io ack as the BFF sends it. */
export type RawAck = { ok: true; data: unknown } | { ok: false; error: { code: string; message: string } };

/**
 * Emit one socket.io event with an ack from inside the page, over a fresh WebSocket that speaks the wire protocol by
 * hand (engine.io v4 `40` connect, `42<id>[event, payload]`, ack `43<id>[…]`). Same origin, so the session cookie
 * and Origin are the page's own: it asks exactly what the app could ask, including events the UI never sends.
 */
export async function emitWithAck(
  page: Page,
  event: string,
  payload: unknown,
  timeoutMs = 5000,
): Promise<RawAck> {
  return page.evaluate(
    ({ event, payload, timeoutMs }) =>
      new Promise<RawAck>((resolve, reject) => {
        const url = `${location.origin.replace(/^http/, "ws")}/socket.io/?EIO=4&transport=websocket`;
        const ws = new WebSocket(url);
        const timer = setTimeout(() => {
          ws.close();
          reject(new Error(`no ack for ${event} within ${timeoutMs} ms`));
        }, timeoutMs);
        ws.onmessage = (m) => {
          const frame = String(m.data);
          if (frame === "2") return ws.send("3"); // engine.io ping → pong
          if (frame.startsWith("0")) return ws.send("40"); // engine.io open → socket.io connect
          if (frame.startsWith("44")) {
            clearTimeout(timer);
            ws.close();
            return reject(new Error(`socket.io connect refused: ${frame.slice(2)}`));
          }
          if (frame.startsWith("40")) return ws.send(`421${JSON.stringify([event, payload])}`);
          if (frame.startsWith("431")) {
            clearTimeout(timer);
            ws.close();
            resolve((JSON.parse(frame.slice(3)) as [RawAck])[0]);
          }
        };
        ws.onerror = () => reject(new Error("websocket error"));
      }),
    { event, payload, timeoutMs },
  );
}
