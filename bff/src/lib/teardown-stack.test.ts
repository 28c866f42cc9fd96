import { describe, expect, it } from "vitest";
import { TeardownError, TeardownStack } from "./teardown-stack.ts";

describe("TeardownStack", () => {
  it("runs steps newest first, awaiting each before the next", async () => {
    const ran: string[] = [];
    const stack = new TeardownStack(() => undefined);
    stack.defer("a", () => void ran.push("a"));
    stack.use("b", {
      dispose: async () => {
        await new Promise((r) => setTimeout(r, 5));
        ran.push("b");
      },
    });
    stack.defer("c", () => void ran.push("c"));
    expect(stack.order).toEqual(["c", "b", "a"]);
    await stack.dispose();
    expect(ran).toEqual(["c", "b", "a"]);
  });

  it("reports a failing step, runs the rest, then rejects naming every failure", async () => {
    const ran: string[] = [];
    const reported: string[] = [];
    const stack = new TeardownStack((step, err) => reported.push(`${step}: ${(err as Error).message}`));
    stack.defer("a", () => void ran.push("a"));
    stack.defer("b", () => {
      throw new Error("sync boom");
    });
    stack.defer("c", () => Promise.reject(new Error("async boom")));
    const err = await stack.dispose().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TeardownError);
    expect((err as TeardownError).code).toBe("TEARDOWN_FAILED");
    expect((err as TeardownError).failures.map((f) => f.step)).toEqual(["c", "b"]);
    expect(reported).toEqual(["c: async boom", "b: sync boom"]);
    expect(ran).toEqual(["a"]);
  });

  it("runs each step once however often dispose is called, and refuses late registrations", async () => {
    let runs = 0;
    const stack = new TeardownStack(() => undefined);
    stack.defer("once", () => void runs++);
    const first = stack.dispose();
    expect(stack.dispose()).toBe(first);
    await first;
    expect(runs).toBe(1);
    expect(() => stack.defer("late", () => undefined)).toThrow(/after dispose/);
  });
});
