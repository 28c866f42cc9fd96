import { describe, expect, it } from "vitest";
import { agentShortName, B3_AGENTS } from "./agents.ts";

describe("B3 agents", () => {
  it("names known codes and falls back to the code", () => {
    expect(agentShortName(308)).toBe("Clear");
    expect(agentShortName(1099)).toBe("Inter");
    expect(agentShortName(99_999)).toBe("99999");
  });

  it("has positive integer codes and non-empty, unique names", () => {
    for (const [code, name] of B3_AGENTS) {
      expect(Number.isInteger(code) && code > 0).toBe(true);
      expect(name.trim()).not.toBe("");
    }
    expect(new Set(B3_AGENTS.values()).size).toBe(B3_AGENTS.size);
  });
});
