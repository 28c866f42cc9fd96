import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import type { Logger } from "../lib/logger.ts";
import { AckError } from "./ack.ts";
import { socketEvents, type PregaoSocket } from "./socket-events.ts";

/** A socket stand-in: Node's EventEmitter (as socket.io's Socket) plus `onAny`, called with `this` = the socket. */
class FakeSocket extends EventEmitter {
  private readonly any: Array<(...args: unknown[]) => void> = [];
  constructor(readonly id: string) {
    super();
  }
  onAny(fn: (...args: unknown[]) => void): void {
    this.any.push(fn);
  }
  /** What socket.io does with an incoming event: the `onAny` listeners, then the event's own. */
  receive(event: string, ...args: unknown[]): void {
    for (const fn of this.any) fn.apply(this, [event, ...args]);
    this.emit(event, ...args);
  }
}

const logger = { error: vi.fn() } as unknown as Logger;
const acked = (socket: FakeSocket, event: string, ...args: unknown[]) =>
  new Promise((resolve) => socket.receive(event, ...args, resolve));

describe("socketEvents", () => {
  it("hands each socket's events to the shared handler with that socket", async () => {
    const bind = socketEvents(
      [[["connection:ping", (payload, socket) => ({ id: socket.id, payload })]]],
      logger,
    );
    const a = new FakeSocket("a");
    const b = new FakeSocket("b");
    bind(a as unknown as PregaoSocket);
    bind(b as unknown as PregaoSocket);
    expect(a.listeners("connection:ping")[0]).toBe(b.listeners("connection:ping")[0]);
    expect(await acked(a, "connection:ping", { n: 1 })).toEqual({
      ok: true,
      data: { id: "a", payload: { n: 1 } },
    });
    expect(await acked(b, "connection:ping")).toEqual({ ok: true, data: { id: "b", payload: undefined } });
  });

  it("acks the last argument, maps AckError to its code and answers unknown events UNKNOWN_EVENT", async () => {
    const bind = socketEvents(
      [
        [
          [
            "ops:unsubscribe",
            () => {
              throw new AckError("VALIDATION_FAILED", "bad");
            },
          ],
        ],
      ],
      logger,
    );
    const s = new FakeSocket("s");
    bind(s as unknown as PregaoSocket);
    expect(await acked(s, "ops:unsubscribe", {}, "extra")).toMatchObject({
      ok: false,
      error: { code: "VALIDATION_FAILED" },
    });
    expect(await acked(s, "nope:nothing", {})).toMatchObject({ ok: false, error: { code: "UNKNOWN_EVENT" } });
    s.receive("ops:unsubscribe", {}); // no ack function: nothing to answer, nothing thrown
  });
});
