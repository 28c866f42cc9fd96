import { describe, expect, it } from "vitest";
import { withCumulative } from "./depth.ts";

describe("depth", () => {
  it("accumulates quantity from the top and keeps ten levels", () => {
    const levels = Array.from({ length: 12 }, (_, i) => ({ price: 10 - i * 0.01, quantity: 100, count: 1 }));
    const rows = withCumulative(levels);
    expect(rows).toHaveLength(10);
    expect(rows[0]!.cumulative).toBe(100);
    expect(rows[9]!.cumulative).toBe(1000);
  });
});
