import { describe, expect, it } from "vitest";
import { RateLimitedError, ServiceRateLimiter } from "./rate-limit.ts";

describe("ServiceRateLimiter", () => {
  it("refuses the request over a bucket's limit with the seconds left, per user, and resets with the window", () => {
    let now = 0;
    const limiter = new ServiceRateLimiter(() => now, { overall: 5, ordersWrite: 2, killSwitch: 1 });
    limiter.take("a", ["overall", "ordersWrite"]);
    limiter.take("a", ["overall", "ordersWrite"]);
    now = 15_000;
    const err = (() => {
      try {
        limiter.take("a", ["overall", "ordersWrite"]);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(RateLimitedError);
    expect(err).toMatchObject({ status: 429, code: "RATE_LIMITED", retryAfterS: 45 });
    expect(() => limiter.take("b", ["overall", "ordersWrite"])).not.toThrow();
    now = 60_000;
    expect(() => limiter.take("a", ["overall", "ordersWrite"])).not.toThrow();
  });
});
