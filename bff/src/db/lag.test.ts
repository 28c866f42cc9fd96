import { describe, expect, it } from "vitest";
import { parseLsn, PrimaryWalHistory } from "./lag.ts";

describe("parseLsn", () => {
  it("orders WAL positions across the high word", () => {
    expect(parseLsn("0/16B3748")).toBe(0x16b3748n);
    expect(parseLsn("1/0")).toBe(1n << 32n);
    expect(parseLsn("1/0") > parseLsn("0/FFFFFFFF")).toBe(true);
  });

  it("refuses what is not a WAL position", () => {
    expect(() => parseLsn("16B3748")).toThrow(/not a WAL position/);
    expect(() => parseLsn("0/xyz")).toThrow(/not a WAL position/);
  });
});

describe("PrimaryWalHistory.lagMs", () => {
  it("is unknown before the primary was ever sampled", () => {
    expect(new PrimaryWalHistory().lagMs(10n, 0, 1000)).toBeNull();
  });

  it("is 0 for a replica that replayed the primary's last position, however old its last transaction", () => {
    const h = new PrimaryWalHistory();
    h.record(100n, 0);
    // Idle primary: an hour since the last replayed transaction, yet nothing is missing.
    expect(h.lagMs(100n, 3_600_000, 3_600_000)).toBe(0);
  });

  it("dates a replica behind by when the primary first passed its position, not by the idle gap before", () => {
    const h = new PrimaryWalHistory();
    h.record(100n, 0);
    h.record(100n, 60_000); // idle: not a new entry
    h.record(200n, 3_600_000); // one write after an idle hour
    expect(h.lagMs(100n, 3_600_000, 3_600_500)).toBe(500);
    h.record(300n, 3_601_000);
    expect(h.lagMs(200n, 1000, 3_602_000)).toBe(1000);
  });

  it("falls back to the replica's replay age when it is behind every position kept", () => {
    const h = new PrimaryWalHistory(2);
    h.record(100n, 1000);
    h.record(200n, 2000);
    h.record(300n, 3000); // drops 100
    expect(h.lagMs(50n, 90_000, 3500)).toBe(90_000);
    expect(h.lagMs(50n, null, 3500)).toBe(1500);
  });
});
