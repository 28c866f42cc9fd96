import { describe, expect, it } from "vitest";
import { DataStoreReadOnlyError, isUnavailable } from "./errors.ts";

const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isUnavailable", () => {
  it("is true for a server that is not there, going away, starting, or read-only", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "ETIMEDOUT",
      "08006",
      "08001",
      "57P01",
      "57P03",
      "25006",
    ])
      expect(isUnavailable(pgError(code)), code).toBe(true);
    expect(isUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
  });

  it("looks through wrappers (a failed migration caused by a refused connection)", () => {
    expect(isUnavailable(new Error("migration failed", { cause: pgError("ECONNREFUSED") }))).toBe(true);
  });

  it("is false for a write that is wrong rather than unreachable", () => {
    for (const code of ["23505", "42P01", "22P02"]) expect(isUnavailable(pgError(code)), code).toBe(false);
    expect(isUnavailable(new Error("boom"))).toBe(false);
    expect(isUnavailable("ECONNREFUSED")).toBe(false);
  });
});

describe("DataStoreReadOnlyError", () => {
  it("is a 503 DATA_STORE_READ_ONLY naming the reason", () => {
    const err = new DataStoreReadOnlyError("primary unreachable");
    expect(err).toMatchObject({
      status: 503,
      code: "DATA_STORE_READ_ONLY",
      details: { reason: "primary unreachable" },
    });
    expect(err.message).toMatch(/read-only.*primary unreachable/);
  });
});
