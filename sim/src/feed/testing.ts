import { feedServerMessageSchema, type FeedServerMessage } from "@pregao/contracts";
import WebSocket from "ws";

/** Test helper: a feed consumer that records every frame and can wait for a matching message. */
export interface TestClient {
  ws: WebSocket;
  messages: FeedServerMessage[];
  /** Raw frames that failed to parse or failed the schema. */
  invalid: string[];
  next(pred: (m: FeedServerMessage) => boolean, timeoutMs?: number): Promise<FeedServerMessage>;
  send(value: unknown): void;
  closed: Promise<number>;
}

export function connect(url: string, token: string | undefined): Promise<TestClient> {
  const ws = new WebSocket(url, token === undefined ? {} : { headers: { authorization: `Bearer ${token}` } });
  const messages: FeedServerMessage[] = [];
  const invalid: string[] = [];
  const waiters: { pred: (m: FeedServerMessage) => boolean; resolve: (m: FeedServerMessage) => void }[] = [];
  ws.on("message", (data) => {
    const text = data.toString();
    let parsed;
    try {
      parsed = feedServerMessageSchema.safeParse(JSON.parse(text));
    } catch {
      invalid.push(text);
      return;
    }
    if (!parsed.success) return void invalid.push(text);
    messages.push(parsed.data);
    for (const w of [...waiters])
      if (w.pred(parsed.data)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(parsed.data);
      }
  });
  const closed = new Promise<number>((resolve) => ws.on("close", (code) => resolve(code)));
  const client: TestClient = {
    ws,
    messages,
    invalid,
    closed,
    send: (value) => ws.send(typeof value === "string" ? value : JSON.stringify(value)),
    next: (pred, timeoutMs = 3000) =>
      new Promise((resolve, reject) => {
        const seen = messages.find(pred);
        if (seen) return resolve(seen);
        const timer = setTimeout(() => reject(new Error("timed out waiting for a message")), timeoutMs);
        waiters.push({
          pred,
          resolve: (m) => {
            clearTimeout(timer);
            resolve(m);
          },
        });
      }),
  };
  return new Promise((resolve, reject) => {
    ws.once("open", () => resolve(client));
    ws.once("unexpected-response", (_req, res) => reject(new UpgradeRefused(res.statusCode ?? 0)));
    ws.once("error", reject);
  });
}

/** The server answered the upgrade with an HTTP status instead of switching protocols. */
export class UpgradeRefused extends Error {
  constructor(readonly status: number) {
    super(`upgrade refused with HTTP ${status}`);
    this.name = "UpgradeRefused";
  }
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
