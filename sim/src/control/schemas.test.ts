import { describe, expect, it } from "vitest";
import { controlBodySchemas, durationSchema } from "./schemas.ts";

describe("durationSchema", () => {
  it("reads whole milliseconds and seconds", () => {
    expect(durationSchema.parse("250ms")).toBe(250);
    expect(durationSchema.parse("3s")).toBe(3000);
    expect(durationSchema.parse("600s")).toBe(600_000);
  });

  it.each(["3", "3 s", " 3s", "1.5s", "3S", "2m", "-1s", "0ms", "601s", "600001ms", ""])(
    "refuses %j",
    (text) => {
      expect(durationSchema.safeParse(text).success).toBe(false);
    },
  );
});

describe("fault bodies", () => {
  it("take a toggle, a duration or a count, one at a time", () => {
    const refuse = controlBodySchemas.refuse;
    expect(refuse.parse({ enabled: true })).toEqual({ enabled: true });
    expect(refuse.parse({ for: "2s" })).toEqual({ for: 2000 });
    expect(refuse.parse({ count: 3 })).toEqual({ count: 3 });
    expect(refuse.safeParse({}).success).toBe(false);
    expect(refuse.safeParse({ enabled: true, for: "2s" }).error?.issues[0]?.path).toEqual(["for"]);
    expect(controlBodySchemas.malformed.safeParse({}).success).toBe(false);
    expect(controlBodySchemas.drop.parse({})).toEqual({});
    expect(controlBodySchemas.delay.parse({ ms: 50, for: "1s" })).toEqual({ ms: 50, for: 1000 });
    expect(controlBodySchemas.flood.safeParse({ rate: 10, for: "61s" }).success).toBe(false);
    expect(controlBodySchemas.flood.parse({ rate: 10, durationMs: 500 })).toEqual({
      rate: 10,
      durationMs: 500,
    });
  });
});
