import { EventEmitter } from "node:events";
import { describe, expect, it, vi } from "vitest";
import type { Logger } from "../lib/logger.ts";
import { AckError } from "./ack.ts";
import { socketEvents, type PregaoSocket, type SocketMiddleware } from "./socket-events.ts";

/** A socket stand-in for what socket.io does with an incoming event: `onAny`, the middleware, then the listeners. */
class FakeSocket extends EventEmitter {
  connected = true;
  /** socket.io's own field: socketEvents shares one list among sockets (shared-any-listeners.ts). */
  _anyListeners?: Array<(...args: unknown[]) => void>;
  readonly fns: Array<(packet: unknown[], next: (err?: Error) => void) => void> = [];
  readonly errors: string[] = [];
  constructor(readonly id: string) {
    super();
  }
  onAny(fn: (...args: unknown[]) => void): void {
    (this._anyListeners ??= []).push(fn);
  }
  use(fn: (packet: unknown[], next: (err?: Error) => void) => void): void {
    this.fns.push(fn);
  }
  receive(event: string, ...args: unknown[]): void {
    const packet = [event, ...args];
    for (const fn of this._anyListeners ?? []) fn.apply(this, packet);
    const run = (i: number): void => {
      const fn = this.fns[i];
      if (!fn) return void process.nextTick(() => this.connected && this.emit(event, ...args));
      fn(packet, (err) => (err ? void this.errors.push(err.message) : run(i + 1)));
    };
    run(0);
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
    expect(a.eventNames()).toEqual([]); // no listener per event per socket
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

  it("runs a handler only after the earlier middleware let the event through, and not once disconnected", async () => {
    const seen: string[] = [];
    const bind = socketEvents([[["connection:ping", (payload) => void seen.push(String(payload))]]], logger);
    const s = new FakeSocket("s");
    s.use((packet, next) => (packet[1] === "blocked" ? undefined : next())); // e.g. the access check
    bind(s as unknown as PregaoSocket);
    const ack = () => undefined;
    s.receive("connection:ping", "blocked", ack);
    s.receive("connection:ping", "late", ack);
    s.connected = false; // disconnected before the next tick: socket.io drops the event
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([]);
    s.connected = true;
    s.receive("connection:ping", "through", ack);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual(["through"]);
  });

  it("runs the steps before the handlers in one middleware per socket, in order, stopping at a refusal or an error", async () => {
    const seen: string[] = [];
    const step =
      (name: string): SocketMiddleware =>
      (socket, packet, next) => {
        seen.push(`${name} ${socket.id} ${String(packet[1])}`);
        if (packet[1] === `drop at ${name}`) return; // e.g. over budget: acked by the step, not passed on
        if (packet[1] === `fail at ${name}`) return next(new Error(name));
        next();
      };
    const bind = socketEvents(
      [[["connection:ping", (payload) => void seen.push(`handler ${String(payload)}`)]]],
      logger,
      [step("budgets"), undefined, step("access")],
    );
    const s = new FakeSocket("s");
    bind(s as unknown as PregaoSocket);
    expect(s.fns).toHaveLength(1);
    const ack = () => undefined;
    for (const payload of ["ok", "drop at budgets", "drop at access", "fail at budgets", "fail at access"])
      s.receive("connection:ping", payload, ack);
    await new Promise((r) => setTimeout(r, 0));
    expect(seen).toEqual([
      "budgets s ok",
      "access s ok",
      "budgets s drop at budgets",
      "budgets s drop at access",
      "access s drop at access",
      "budgets s fail at budgets",
      "budgets s fail at access",
      "access s fail at access",
      "handler ok",
    ]);
    expect(s.errors).toEqual(["budgets", "access"]);
    // An unknown event is answered by the shared onAny listener before the steps, as before.
    expect(await acked(s, "nope:nothing", "x")).toMatchObject({
      ok: false,
      error: { code: "UNKNOWN_EVENT" },
    });
    expect(seen.at(-1)).toBe("access s x");
  });
});
