import { describe, expect, it } from "vitest";
import { MAX_SUBSCRIPTIONS_PER_SOCKET, assetsPayloadSchema } from "@pregao/contracts";
import { AckError, toAckFailure, validationError } from "./ack.ts";

const fieldOf = (payload: unknown) => {
  const r = assetsPayloadSchema.safeParse(payload);
  if (r.success) throw new Error("expected failure");
  return toAckFailure(validationError(r.error));
};

describe("socket payload validation", () => {
  it.each([
    [undefined, undefined],
    [{}, "assets"],
    [{ assets: [] }, "assets"],
    [{ assets: ["PETR4:B", "petr4"] }, "assets.1"],
    [{ assets: "PETR4:B" }, "assets"],
    [{ assets: Array.from({ length: MAX_SUBSCRIPTIONS_PER_SOCKET + 1 }, () => "PETR4:B") }, "assets"],
  ])("%j → VALIDATION_FAILED at %s", (payload, field) => {
    const ack = fieldOf(payload);
    expect(ack.ok).toBe(false);
    if (ack.ok) return;
    expect(ack.error.code).toBe("VALIDATION_FAILED");
    expect(ack.error.field).toBe(field);
    expect(ack.error.message.length).toBeGreaterThan(0);
  });

  it("typed errors keep their code and field; unknown errors become INTERNAL with a generic message", () => {
    expect(toAckFailure(new AckError("UNKNOWN_ASSET", "unknown asset X", "assets.0"))).toEqual({
      ok: false,
      error: { code: "UNKNOWN_ASSET", message: "unknown asset X", field: "assets.0" },
    });
    expect(toAckFailure(new Error("secret detail"))).toEqual({
      ok: false,
      error: { code: "INTERNAL", message: "internal error" },
    });
  });
});
