import { describe, expect, it, vi } from "vitest";
import type { Ack, Quote } from "@pregao/contracts";
import { QuoteSubscriptions, type SubscriptionTransport } from "./quote-subscriptions.ts";
import { makeQuote } from "./test-quote.ts";

const tick = () => new Promise((r) => setTimeout(r, 0));

function setup(
  ackFor: (assets: string[]) => Ack<{ quotes: Quote[] }> = (assets) => ({
    ok: true,
    data: { quotes: assets.map((asset) => makeQuote({ asset })) },
  }),
) {
  const cb = { onSnapshot: vi.fn(), onError: vi.fn(), onReleased: vi.fn() };
  const subs = new QuoteSubscriptions(cb);
  const transport = {
    subscribe: vi.fn(async (assets: string[]) => ackFor(assets)),
    unsubscribe: vi.fn(async () => ({ ok: true })),
  } satisfies SubscriptionTransport;
  return { subs, transport, cb };
}

describe("QuoteSubscriptions", () => {
  it("subscribes a shared asset once and unsubscribes after the last release", async () => {
    const { subs, transport } = setup();
    subs.attach(transport);
    const a = subs.retain(["PETR4:B", "VALE3:B"]);
    const b = subs.retain(["PETR4:B"]);
    await tick();
    expect(transport.subscribe).toHaveBeenCalledTimes(1);
    expect(transport.subscribe).toHaveBeenCalledWith(["PETR4:B", "VALE3:B"]);
    a();
    a(); // idempotent
    await tick();
    expect(transport.unsubscribe).toHaveBeenCalledWith(["VALE3:B"]);
    b();
    await tick();
    expect(transport.unsubscribe).toHaveBeenLastCalledWith(["PETR4:B"]);
    expect(subs.assets).toEqual([]);
  });

  it("re-subscribes everything held on reconnect", async () => {
    const { subs, transport } = setup();
    subs.retain(["PETR4:B", "WINZ26:F"]);
    await tick();
    expect(transport.subscribe).not.toHaveBeenCalled(); // not attached yet
    subs.attach(transport);
    await tick();
    subs.detach();
    subs.attach(transport);
    await tick();
    expect(transport.subscribe).toHaveBeenCalledTimes(2);
    expect(transport.subscribe).toHaveBeenLastCalledWith(["PETR4:B", "WINZ26:F"]);
  });

  it("isolates a bad asset so the rest of the batch still subscribes", async () => {
    const { subs, transport, cb } = setup((assets) =>
      assets.includes("NOPE3:B")
        ? { ok: false, error: { code: "UNKNOWN_ASSET", message: "Unknown asset" } }
        : { ok: true, data: { quotes: assets.map((asset) => makeQuote({ asset })) } },
    );
    subs.attach(transport);
    subs.retain(["PETR4:B", "NOPE3:B"]);
    await tick();
    await tick();
    expect(cb.onSnapshot).toHaveBeenCalledWith([expect.objectContaining({ asset: "PETR4:B" })]);
    expect(cb.onError).toHaveBeenCalledWith("NOPE3:B", { code: "UNKNOWN_ASSET", message: "Unknown asset" });
  });
});
