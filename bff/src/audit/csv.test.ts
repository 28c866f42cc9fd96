import { describe, expect, it } from "vitest";
import type { AuditEntry } from "@pregao/contracts";
import { csvCell, csvHeader, csvLine } from "./csv.ts";

describe("audit CSV", () => {
  it("quotes per RFC 4180 (comma, quote, CR, LF) and leaves plain cells bare", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", then go')).toBe('"say ""hi"", then go"');
    expect(csvCell("two\nlines")).toBe('"two\nlines"');
    expect(csvCell(null)).toBe("");
    expect(csvCell(42)).toBe("42");
  });

  it("neutralises formula injection: = + - @ (and tab, CR) get a leading quote", () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe('"\'=HYPERLINK(""http://x"")"');
    expect(csvCell("+1")).toBe("'+1");
    expect(csvCell("-2+3")).toBe("'-2+3");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tcmd")).toBe("'\tcmd");
  });

  it("writes the header and each row in AUDIT_CSV_COLUMNS order, details as JSON", () => {
    expect(csvHeader).toBe("seq,at,event,outcome,user,ip,requestId,asset,orderId,reason,details\r\n");
    const e: AuditEntry = {
      seq: 7,
      at: "2026-12-04T10:00:00.000Z",
      event: "risk.kill_switch_activate.success",
      outcome: "success",
      user: "risk",
      ip: "10.0.0.2",
      requestId: null,
      asset: null,
      orderId: null,
      reason: "=fat finger",
      details: { cancelled: 3 },
      hash: "ab",
    };
    expect(csvLine(e)).toBe(
      '7,2026-12-04T10:00:00.000Z,risk.kill_switch_activate.success,success,risk,10.0.0.2,,,,\'=fat finger,"{""cancelled"":3}"\r\n',
    );
  });
});
