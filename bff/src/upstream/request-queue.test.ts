import { describe, expect, it } from "vitest";
import { RequestQueue } from "./request-queue.ts";
import type { RequestSpec } from "./request-tracker.ts";

describe("RequestQueue", () => {
  it("coalesces: a queued subscribe is not queued twice; an unsubscribe cancels it", () => {
    const q = new RequestQueue();
    for (let i = 0; i < 10_000; i++) q.subscribe(["A:B", "C:B"]);
    q.unsubscribe(["C:B"]);
    q.listAssets();
    q.listAssets();
    expect(q.size).toBe(3);
    const out: RequestSpec[] = [];
    q.drain(
      () => true,
      (s) => out.push(s),
    );
    expect(out).toEqual([
      { kind: "listAssets", assets: [] },
      { kind: "unsubscribe", assets: ["C:B"] },
      { kind: "subscribe", assets: ["A:B"] },
    ]);
    expect(q.size).toBe(0);
  });

  it("holds requests while the link is not writable and batches at the protocol's cap", () => {
    const q = new RequestQueue();
    q.subscribe(Array.from({ length: 1200 }, (_, i) => `A${i}:B`));
    const out: RequestSpec[] = [];
    expect(
      q.drain(
        () => false,
        (s) => out.push(s),
      ),
    ).toBe(0);
    expect(q.size).toBe(1200);
    // The link takes two requests, then its buffer is over the cap.
    q.drain(
      () => out.length < 2,
      (s) => out.push(s),
    );
    expect(out.map((s) => s.assets.length)).toEqual([500, 500]);
    expect(q.size).toBe(200);
  });
});
