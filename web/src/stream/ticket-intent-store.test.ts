import { describe, expect, it } from "vitest";
import { intentReaches, useTicketIntentStore } from "./ticket-intent-store.ts";

describe("ticket intents follow link groups", () => {
  it("a pick in the red group reaches a red ticket, not a blue one", () => {
    useTicketIntentStore.getState().setPrice("PETR4:B", 37.5, "red");
    const intent = useTicketIntentStore.getState().intent!;
    expect(intent.linkGroup).toBe("red");
    expect(intentReaches(intent, "red")).toBe(true);
    expect(intentReaches(intent, "blue")).toBe(false);
  });

  it("an unlinked source or an unlinked ticket matches any", () => {
    useTicketIntentStore.getState().setPrice("VALE3:B", 60);
    const unlinked = useTicketIntentStore.getState().intent!;
    expect(unlinked.linkGroup).toBeUndefined();
    expect(intentReaches(unlinked, "blue")).toBe(true);
    expect(intentReaches({ ...unlinked, linkGroup: "green" }, undefined)).toBe(true);
  });

  it("every pick is a new intent, even at the same price", () => {
    useTicketIntentStore.getState().setPrice("PETR4:B", 37.5);
    const first = useTicketIntentStore.getState().intent!.seq;
    useTicketIntentStore.getState().setPrice("PETR4:B", 37.5);
    expect(useTicketIntentStore.getState().intent!.seq).toBe(first + 1);
  });
});
