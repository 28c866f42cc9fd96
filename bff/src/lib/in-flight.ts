import type { IncomingMessage, Server } from "node:http";

export interface InFlight {
  /** Requests being answered right now (those `ignore` skips excluded). */
  readonly count: number;
  /** Resolves true once no request is in flight, false if `timeoutMs` passes first. */
  idle(timeoutMs: number): Promise<boolean>;
  dispose(): void;
}

/**
 * Counts the HTTP requests `server` is answering, so a drain can let in-flight ones (an order POST) finish before the
 * process exits. `ignore` skips requests that are not work in flight (socket.io long-polls are held open by design).
 */
export function trackInFlight(server: Server, ignore: (req: IncomingMessage) => boolean): InFlight {
  let count = 0;
  const waiters = new Set<() => void>();
  const onRequest = (req: IncomingMessage, res: { once(e: "close", f: () => void): unknown }): void => {
    if (ignore(req)) return;
    count++;
    res.once("close", () => {
      count--;
      if (count === 0) for (const w of [...waiters]) w();
    });
  };
  server.on("request", onRequest);
  return {
    get count() {
      return count;
    },
    idle(timeoutMs) {
      if (count === 0) return Promise.resolve(true);
      return new Promise<boolean>((resolve) => {
        const done = (ok: boolean) => {
          clearTimeout(timer);
          waiters.delete(onIdle);
          resolve(ok);
        };
        const onIdle = () => done(true);
        const timer = setTimeout(() => done(false), timeoutMs);
        waiters.add(onIdle);
      });
    },
    dispose: () => void server.off("request", onRequest),
  };
}
