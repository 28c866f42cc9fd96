import { describe, expect, it, vi } from "vitest";
import { ChannelSubscriptions } from "./channel-subscriptions.ts";

describe("channel subscriptions", () => {
  it("subscribes once per asset, unsubscribes on last release, resubscribes on attach", async () => {
    const onData = vi.fn();
    const onReleased = vi.fn();
    const subs = new ChannelSubscriptions<string>(onData, onReleased);
    const subscribe = vi.fn(async (assets: string[]) => ({ ok: true as const, data: assets.join() }));
    const unsubscribe = vi.fn(async () => undefined);
    const a = subs.retain("PETR4:B");
    subs.attach({ subscribe, unsubscribe });
    const b = subs.retain("PETR4:B");
    expect(subscribe).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(onData).toHaveBeenCalledWith("PETR4:B");
    a();
    expect(unsubscribe).not.toHaveBeenCalled();
    b();
    expect(unsubscribe).toHaveBeenCalledWith(["PETR4:B"]);
    expect(onReleased).toHaveBeenCalledWith(["PETR4:B"]);
    subs.retain("VALE3:B");
    subs.attach({ subscribe, unsubscribe });
    expect(subscribe).toHaveBeenLastCalledWith(["VALE3:B"]);
  });
});
