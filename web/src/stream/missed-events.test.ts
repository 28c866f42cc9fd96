import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import { queryKeys } from "../lib/query-keys.ts";
import { refetchAfterMissedEvents } from "./missed-events.ts";

describe("refetchAfterMissedEvents", () => {
  it("marks the orders and positions seeds stale, and nothing else", async () => {
    const qc = new QueryClient();
    for (const key of [queryKeys.orders.all, queryKeys.positions.all, queryKeys.instruments.all])
      qc.setQueryData(key, []);
    await refetchAfterMissedEvents(qc);
    const invalidated = (key: readonly unknown[]) => qc.getQueryState(key)?.isInvalidated;
    expect(invalidated(queryKeys.orders.all)).toBe(true);
    expect(invalidated(queryKeys.positions.all)).toBe(true);
    expect(invalidated(queryKeys.instruments.all)).toBe(false);
  });
});
