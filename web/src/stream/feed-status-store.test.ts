import { afterEach, describe, expect, it } from "vitest";
import { makeFeedStatus } from "./test-feed-status.ts";
import { toLocalTime, useFeedStatusStore } from "./feed-status-store.ts";

afterEach(() => useFeedStatusStore.getState().reset());

describe("feed status store", () => {
  it("keeps a late status's age: its delay is not absorbed into the clock offset", () => {
    const { setStatus } = useFeedStatusStore.getState();
    setStatus(makeFeedStatus({ serverTime: 10_000, lastMessageAt: 9_990 }), 10_000);
    // Sent at 11 000 (server), stuck 4 s behind a backlog: the upstream data it reports is 4 s old by now.
    setStatus(makeFeedStatus({ serverTime: 11_000, lastMessageAt: 10_990 }), 15_000);
    const { skewMs, status } = useFeedStatusStore.getState();
    expect(skewMs).toBe(0);
    expect(15_000 - toLocalTime(status!.lastMessageAt!, skewMs)).toBe(4010);
  });

  it("starts the offset over on reset (the next server may have another clock)", () => {
    const { setStatus, reset } = useFeedStatusStore.getState();
    setStatus(makeFeedStatus({ serverTime: 50_000 }), 10_000);
    reset();
    setStatus(makeFeedStatus({ serverTime: 10_000 }), 10_000);
    expect(useFeedStatusStore.getState().skewMs).toBe(0);
  });
});
