import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, type ClientSocket } from "../helpers/clients.ts";
import { connectWith, loginAs, startSecureStack, type SecureStack } from "./harness.ts";

type Line = Record<string, unknown> & { aggregate?: { count: number; windowMs: number } };

let s: SecureStack;
let closed = false;
beforeAll(async () => {
  // A long window: every aggregate is still open when the stack closes, which must write it (no count lost).
  s = await startSecureStack({ AUDIT_AGGREGATE_WINDOW_MS: 60_000, RATE_LOGIN_IP: 0 });
});
afterAll(async () => {
  if (!closed) await s.close();
});

/** The records a set of lines stands for: one per plain line, `aggregate.count` per aggregate line. */
const represented = (lines: Line[]) => lines.reduce((n, l) => n + (l.aggregate ? l.aggregate.count : 1), 0);

describe("denied-event and refused-handshake floods leave a bounded audit trail", () => {
  it("5,000 denied ops:subscribe and 1,000 foreign-Origin handshakes → a handful of lines carrying the counts", async () => {
    const viewer = await loginAs(s, "viewer");
    const sock: ClientSocket = await connectWith(s.url, viewer, s.origin);
    const acks = await Promise.all(Array.from({ length: 5000 }, () => call(sock, "ops:subscribe", {})));
    const codes = new Set(acks.map((a: { error?: { code: string } }) => a.error?.code));
    expect([...codes].sort()).toEqual(["FORBIDDEN", "RATE_LIMITED"]);
    sock.disconnect();

    for (let batch = 0; batch < 20; batch++)
      await Promise.all(
        Array.from({ length: 50 }, () =>
          connectWith(s.url, viewer, "https://evil.example").then(
            (x) => x.disconnect(),
            () => undefined,
          ),
        ),
      );

    await s.close();
    closed = true;
    const text = readFileSync(s.auditFile, "utf8");
    const lines = text
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line);
    const socketLines = lines.filter(
      (l) => String(l.event).startsWith("socket.") || l.event === "access.denied",
    );
    // first + aggregate for: access.denied, socket.rate_limited (events), socket.origin_rejected, socket.rate_limited (ip)
    expect(socketLines.length).toBeLessThanOrEqual(8);

    const denied = socketLines.filter(
      (l) => l.event === "access.denied" || l.socketEvent === "ops:subscribe",
    );
    expect(represented(denied)).toBe(5000);
    const agg = denied.find((l) => l.event === "access.denied" && l.aggregate);
    expect(agg?.aggregate).toMatchObject({ windowMs: 60_000 });
    expect(agg?.summary).toMatch(/^\d+ denied ops:subscribe from session [0-9a-f]{16}/);

    const refused = socketLines.filter(
      (l) => l.event === "socket.origin_rejected" || (l.event === "socket.rate_limited" && !l.socketEvent),
    );
    expect(refused.some((l) => l.event === "socket.origin_rejected" && l.aggregate)).toBe(true);
    expect(represented(refused)).toBe(1000);
    expect(Buffer.byteLength(text)).toBeLessThan(10_000);
  });
});
