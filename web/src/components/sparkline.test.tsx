import { cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { Sparkline, sparkPath, summarize } from "./sparkline.tsx";

afterEach(cleanup);
const ms = (n: number) => `${n} ms`;

describe("Sparkline", () => {
  it("is an image named with min, max and last", () => {
    render(<Sparkline label="Emit p99" values={[4, null, 9, 2, 6]} format={ms} />);
    const img = screen.getByRole("img", { name: "Emit p99: min 2 ms, max 9 ms, last 6 ms" });
    expect(img.querySelector("path")?.getAttribute("d")).toMatch(/^M/);
  });

  it("says when there is no data", () => {
    render(<Sparkline label="Sockets" values={[null, null]} format={String} />);
    expect(screen.getByRole("img", { name: "Sockets: no data yet" })).toBeTruthy();
  });
});

describe("sparkPath", () => {
  it("breaks the line at gaps and scales into the box (max at the top, min at the bottom)", () => {
    const d = sparkPath([0, 10, null, 5], 30, 12);
    expect(d).toBe("M0.0 11.0L10.0 1.0M30.0 6.0");
    expect(sparkPath([], 30, 12)).toBe("");
    expect(sparkPath([3, 3], 10, 12)).toBe("M0.0 11.0L10.0 11.0");
  });

  it("summarize ignores nulls", () => {
    expect(summarize([null, 3, 1, null])).toEqual({ min: 1, max: 3, last: 1 });
  });
});
