import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Logger } from "./logger.ts";
import { LogThrottle } from "./log-throttle.ts";

function recorder() {
  const lines: { level: string; obj: object; msg?: string }[] = [];
  const at =
    (level: string) =>
    (obj: object, msg?: string): void => {
      lines.push({ level, obj, msg });
    };
  const logger: Logger = { info: at("info"), warn: at("warn"), error: at("error"), debug: at("debug") };
  return { lines, logger };
}

describe("LogThrottle", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("logs the first occurrence, counts the rest, and summarises once per window", () => {
    const { lines, logger } = recorder();
    const t = new LogThrottle(logger, 10_000);
    for (let i = 0; i < 20_000; i++) t.warn("gap", { got: i }, "feed sequence gap");
    expect(lines).toHaveLength(1);
    vi.advanceTimersByTime(10_000);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatchObject({
      level: "warn",
      msg: "feed sequence gap (19999 more in the last 10 s)",
      obj: { got: 19_999, repeated: 19_999, windowMs: 10_000 },
    });
    t.warn("gap", { got: 1 }, "feed sequence gap");
    expect(lines).toHaveLength(3);
  });

  it("writes no summary when nothing repeated", () => {
    const { lines, logger } = recorder();
    const t = new LogThrottle(logger, 1_000);
    t.warn("a", {}, "once");
    vi.advanceTimersByTime(5_000);
    expect(lines).toHaveLength(1);
  });

  it("keeps keys apart but bounds how many it tracks", () => {
    const { lines, logger } = recorder();
    const t = new LogThrottle(logger, 1_000, 2);
    for (let i = 0; i < 1_000; i++) t.warn(`asset-${i}`, { i }, "impossible data");
    expect(lines).toHaveLength(3); // asset-0, asset-1, then everything else under one overflow key
    t.flush();
    expect(lines).toHaveLength(4);
    expect(lines[3]!.msg).toBe("impossible data (997 more in the last 1 s)");
  });
});
