import { spawn } from "node:child_process";
import { describe, expect, it } from "vitest";
import { INSPECT_ARG, inspectorUrl, memoryAfterGc } from "./heap-probe.ts";

describe("inspectorUrl", () => {
  it("finds the URL in the child's output", () => {
    const out = ["x", "Debugger listening on ws://127.0.0.1:40123/ab-cd", "For help, see: …"];
    expect(inspectorUrl(out)).toBe("ws://127.0.0.1:40123/ab-cd");
    expect(inspectorUrl(["no inspector"])).toBeUndefined();
  });
});

describe("memoryAfterGc", () => {
  it("reads the heap of a child started with the inspector flag, counting what it still references", async () => {
    // 1 M small objects (≈ 30 MB) held by a global.
    const script = "globalThis.keep=Array.from({length:1e6},(_, i)=>({i}));setInterval(()=>{},1000);";
    const child = spawn(process.execPath, [INSPECT_ARG, "-e", script], {
      stdio: ["ignore", "ignore", "pipe"],
    });
    try {
      const lines: string[] = [];
      const url = await new Promise<string>((resolve) =>
        child.stderr.on("data", (d: Buffer) => {
          lines.push(...d.toString().split("\n"));
          const u = inspectorUrl(lines);
          if (u) resolve(u);
        }),
      );
      await new Promise((r) => setTimeout(r, 300));
      const held = await memoryAfterGc(url);
      expect(held.heapUsedMb).toBeGreaterThan(20);
      expect(held.rssMb).toBeGreaterThan(held.heapUsedMb);
      expect(held.heapTotalMb).toBeGreaterThanOrEqual(held.heapUsedMb);
    } finally {
      child.kill();
    }
  });
});
